"""NumPy as the oracle of the .npz fuzz tests: for each file named on stdin, print one JSON line saying whether
numpy.load accepts it and, if so, every .npy array as C-order float64 bytes (hex), with its shape.
Run with Debian's python3 (python3-numpy): numpy_oracle.py LIST, where LIST names one file per line."""
import json
import sys
import zipfile

import numpy as np


def load(path):
    arrays = {}
    with np.load(path, allow_pickle=False) as z:
        for name in z.files:
            a = z[name]  # reading the member checks its CRC-32 (zipfile raises BadZipFile on a mismatch)
            if a.dtype.kind not in "fiub":
                raise ValueError("unsupported dtype " + a.dtype.str)
            c = np.ascontiguousarray(a).astype("<f8")
            arrays[name] = {"shape": list(a.shape), "hex": c.tobytes().hex()}
    return arrays


for line in open(sys.argv[1], encoding="utf-8"):
    path = line.strip()
    if not path:
        continue
    try:
        result = {"file": path, "ok": True, "arrays": load(path)}
    except Exception as e:  # any refusal counts: BadZipFile, ValueError, EOFError, OSError, ...
        result = {"file": path, "ok": False, "error": type(e).__name__ + ": " + str(e)[:200]}
    print(json.dumps(result), flush=True)
