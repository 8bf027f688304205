"""Independent figures for `learnlead rubrics analyze`, for the cross-check in
tests/e2e/rubrics.rs: pingouin's Cronbach's alpha and Feldt interval, factor_analyzer's
one-factor minres loadings for omega, and item-rest correlations and alpha-if-dropped in numpy.

Usage: python scale_quality.py ANSWERS.csv   (a header of statement ids; one row per person,
answers already reverse-scored, an empty cell for a missing answer). Prints JSON.
"""
import json
import sys

import numpy as np
import pandas as pd
import pingouin as pg
from factor_analyzer import FactorAnalyzer

data = pd.read_csv(sys.argv[1])
k = data.shape[1]

pairwise_alpha, pairwise_ci = pg.cronbach_alpha(data=data, nan_policy="pairwise")
listwise_alpha, _ = pg.cronbach_alpha(data=data, nan_policy="listwise")

# Omega total from a one-factor minres solution on the pairwise correlations; none when a
# correlation is not defined (a statement everyone answered alike).
corr = data.corr().values
omega = None
if not np.isnan(corr).any():
    fa = FactorAnalyzer(n_factors=1, rotation=None, method="minres", is_corr_matrix=True)
    fa.fit(corr)
    loadings = np.abs(fa.loadings_[:, 0])
    omega = float(loadings.sum() ** 2 / (loadings.sum() ** 2 + (1 - loadings**2).sum()))

# Listwise: over complete rows, the correlation of each statement with the sum of the others,
# and alpha of the others.
complete = data.dropna().values


def alpha(m):
    c = np.cov(m, rowvar=False)
    n = m.shape[1]
    return n / (n - 1) * (1 - np.trace(c) / c.sum())


def num(x):
    """A number, or None where it is not defined (JSON has no NaN)."""
    return None if np.isnan(x) else float(x)


item_rest = []
alpha_without = []
for i in range(k):
    rest = np.delete(complete, i, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        item_rest.append(num(np.corrcoef(complete[:, i], rest.sum(axis=1))[0, 1]))
    alpha_without.append(num(alpha(rest)))

print(json.dumps({
    "pairwise": {"alpha": float(pairwise_alpha), "ci": [float(x) for x in pairwise_ci]},
    "listwise": {"alpha": float(listwise_alpha), "item_rest": item_rest, "alpha_without": alpha_without},
    "omega": omega,
}))
