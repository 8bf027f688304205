"""The Python peer of `learnlead compare DIR --format json`, for the side-by-side in the README
(benches/side_by_side.sh): the same work done the way a short Python script would do it.

Reads every .yaml response in DIR with PyYAML's C loader, checks each names the rubric, scores
each person's dimensions (reverse statements flipped, "na" and "dk" unscored, a dimension
scored when at least half its statements are), computes per dimension the mean, sd, min, max
and Krippendorff's ordinal alpha (the `krippendorff` package), renders a short Markdown summary
with Jinja2, and prints the JSON. Usage: python compare.py RUBRIC.yaml DIR
"""
import json
import os
import statistics
import sys

import jinja2
import krippendorff
import numpy as np
import yaml

Loader = yaml.CSafeLoader

rubric = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=Loader)
folder = sys.argv[2]
lo, hi = rubric["scale"]["min"], rubric["scale"]["max"]
dims = [d for g in rubric["groups"] for d in g["dimensions"]]

people = []
for name in sorted(os.listdir(folder)):
    if not name.endswith((".yaml", ".yml")):
        continue
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        r = yaml.load(f, Loader=Loader)
    if r.get("rubric", {}).get("id") != rubric["id"]:
        sys.exit(f"{name}: another rubric")
    people.append((name, r))

result = {"participants": [], "dimensions": []}
scores = {d["id"]: [] for d in dims}
for name, r in people:
    answers = r.get("answers") or {}
    row = {"file": name, "name": r.get("name"), "dimensions": {}}
    for d in dims:
        got = []
        for item in d["items"]:
            a = answers.get(item["id"])
            if isinstance(a, int):
                got.append(lo + hi - a if item.get("reverse") else a)
        s = sum(got) / len(got) if got and len(got) >= max((len(d["items"]) + 1) // 2, min(2, len(d["items"]))) else None
        row["dimensions"][d["id"]] = s
        if s is not None:
            scores[d["id"]].append(s)
    result["participants"].append(row)

for d in dims:
    s = scores[d["id"]]
    data = []
    for item in d["items"]:
        line = []
        for _, r in people:
            a = (r.get("answers") or {}).get(item["id"])
            line.append((lo + hi - a if item.get("reverse") else a) if isinstance(a, int) else np.nan)
        data.append(line)
    data = np.array(data, dtype=float).T  # coders (people) x units (items)
    try:
        alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal")
    except (ValueError, ZeroDivisionError):
        alpha = None
    result["dimensions"].append({
        "id": d["id"],
        "n": len(s),
        "mean": statistics.fmean(s) if s else None,
        "sd": statistics.stdev(s) if len(s) > 1 else None,
        "min": min(s) if s else None,
        "max": max(s) if s else None,
        "alpha": None if alpha is None or np.isnan(alpha) else float(alpha),
    })

summary = jinja2.Template(
    "# {{ title }}\n\n{{ n }} participants\n\n"
    "{% for d in dims %}- {{ d.id }}: mean {{ d.mean }}, alpha {{ d.alpha }}\n{% endfor %}"
).render(title=rubric["title"], n=len(people), dims=result["dimensions"])
result["summary"] = summary
json.dump(result, sys.stdout, indent=2)
