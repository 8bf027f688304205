/* A stand-in for Windows' bcryptprimitives.dll, for Wine 8 (Debian 12), which lacks it: Rust's
 * standard library asks it for random bytes (ProcessPrng). It answers from RtlGenRandom, which
 * Wine has. Only the Wine test run in .ci/run uses it; it is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
