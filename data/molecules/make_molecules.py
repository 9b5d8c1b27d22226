#!/usr/bin/python3
"""Build the small-molecule data set of the Landscaper Workbench chemistry experiment.

Run it through ``data/molecules/make.sh`` (which sets the thread limits and nice level); see README.md beside this
file for what comes out.  Steps, each counted and reported:

1. read ``first_5k.tpsa.csv`` (``SMILES,TPSA`` rows; lines starting with ``#`` are comments);
2. filter: RDKit parses and sanitises the SMILES; one fragment; net formal charge 0 (charge-separated but neutral
   groups such as nitro ``[N+](=O)[O-]`` are kept); only the elements H C N O F S Cl; at most 20 heavy atoms; no radical
   electrons (GFN2 is run closed shell); unique structure (first occurrence of each canonical isomeric SMILES kept);
3. one 3-D conformer with explicit hydrogens: ETKDGv3 with a fixed random seed (a second try with random starting
   coordinates if the first fails), then MMFF94 minimisation to convergence; failures are counted and dropped;
4. optional seeded random subset (``--subset N``; used only if the xtb time over all molecules would exceed the budget);
5. GFN2-xTB single point (``xtb mol.xyz --gfn 2 --sp --chrg 0 --uhf 0``, OMP_NUM_THREADS=1, one temporary directory
   per molecule): HOMO-LUMO gap (eV), total dipole moment (Debye), total energy (Eh).  A non-zero exit of xtb is counted
   and the molecule dropped; output that cannot be parsed after a normal exit aborts the whole run;
6. labels from RDKit: Crippen logP; TPSA is taken from the input file;
7. write ``molecules.sdf.gz``, ``molecules.csv``, ``rdkit-oracle.csv``, ``rdkit-oracle-all.csv`` (every parseable input
   row, unfiltered), ``bzr.sdf`` (copied), ``bzr-oracle.csv`` and ``README.md``.

Everything except the timings is deterministic for a given RDKit and xtb build: fixed seeds, one thread, gzip written
without a time stamp, rows in input order.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import rdkit
from rdkit import Chem, RDLogger
from rdkit.Chem import AllChem, Crippen, rdMolDescriptors
from rdkit.Chem.Scaffolds import MurckoScaffold

ALLOWED_ELEMENTS = frozenset({"H", "C", "N", "O", "F", "S", "Cl"})
MAX_HEAVY_ATOMS = 20
EMBED_SEED = 20240611          # ETKDGv3 randomSeed
SUBSET_SEED = 20240612         # seed of the optional random subset
MMFF_MAX_ITERS = 2000
XTB_BUDGET_SECONDS = 25 * 60   # single-core budget for all xtb single points
RATE_SAMPLE = 40               # molecules timed before deciding about a subset
ORACLE_COLUMNS = ["id", "smiles", "heavy_atoms", "bonds", "aromatic_atoms", "rings", "formal_charge", "hydrogens",
                  "scaffold"]
LABEL_COLUMNS = ["id", "smiles", "tpsa", "logp", "homo_lumo_gap_ev", "dipole_debye", "energy_hartree"]


class XtbOutputError(RuntimeError):
    """xtb exited normally but its output did not contain what we parse: never silently skipped."""


@dataclass
class Candidate:
    id: str
    row: int            # 1-based data row in the input file (comment lines not counted)
    smiles: str         # the input SMILES, verbatim
    tpsa: str           # the input TPSA, verbatim
    mol: Chem.Mol       # sanitised, without explicit hydrogens
    mol3d: Chem.Mol | None = None
    labels: dict = field(default_factory=dict)


def log(msg: str) -> None:
    print(msg, flush=True)


# --------------------------------------------------------------------------------------------------- reading + filters
def read_input(path: Path) -> list[tuple[int, str, str]]:
    rows = []
    with path.open() as f:
        n = 0
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            n += 1
            parts = line.split(",")
            if len(parts) != 2:
                raise SystemExit(f"{path}: data row {n}: expected 'SMILES,TPSA', got {line!r}")
            rows.append((n, parts[0], parts[1]))
    return rows


def filter_molecules(rows, counts: list[tuple[str, int]]) -> list[Candidate]:
    counts.append(("input rows", len(rows)))
    parsed = []
    for row, smi, tpsa in rows:
        mol = Chem.MolFromSmiles(smi)
        if mol is not None:
            parsed.append(Candidate(f"nci5k-{row:04d}", row, smi, tpsa, mol))
    counts.append(("RDKit parses and sanitises the SMILES", len(parsed)))

    steps = [
        ("single fragment", lambda m: len(Chem.GetMolFrags(m)) == 1),
        ("net formal charge 0 (charge-separated groups such as nitro kept)",
         lambda m: sum(a.GetFormalCharge() for a in m.GetAtoms()) == 0),
        ("only elements H C N O F S Cl", lambda m: all(a.GetSymbol() in ALLOWED_ELEMENTS for a in m.GetAtoms())),
        (f"at most {MAX_HEAVY_ATOMS} heavy atoms", lambda m: m.GetNumHeavyAtoms() <= MAX_HEAVY_ATOMS),
        ("no radical electrons (closed shell)", lambda m: all(a.GetNumRadicalElectrons() == 0 for a in m.GetAtoms())),
    ]
    cur = parsed
    for name, keep in steps:
        cur = [c for c in cur if keep(c.mol)]
        counts.append((name, len(cur)))
    seen = set()
    unique = []
    for c in cur:
        key = Chem.MolToSmiles(c.mol)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    counts.append(("unique structure (canonical isomeric SMILES; first occurrence kept)", len(unique)))
    return unique


# -------------------------------------------------------------------------------------------------------- conformers
def embed(c: Candidate) -> str | None:
    """Returns None on success, else the reason of the failure."""
    molh = Chem.AddHs(c.mol)
    params = AllChem.ETKDGv3()
    params.randomSeed = EMBED_SEED
    params.numThreads = 1
    if AllChem.EmbedMolecule(molh, params) != 0:
        params.useRandomCoords = True
        if AllChem.EmbedMolecule(molh, params) != 0:
            return "ETKDGv3 embedding failed (also with random coordinates)"
    if not AllChem.MMFFHasAllMoleculeParams(molh):
        return "MMFF94 parameters missing"
    if AllChem.MMFFOptimizeMolecule(molh, mmffVariant="MMFF94", maxIters=MMFF_MAX_ITERS) != 0:
        return f"MMFF94 minimisation not converged in {MMFF_MAX_ITERS} iterations"
    c.mol3d = molh
    return None


# --------------------------------------------------------------------------------------------------------------- xtb
_ENERGY = re.compile(r"^\s*\|\s*TOTAL ENERGY\s+(-?\d+\.\d+)\s+Eh\s*\|\s*$", re.M)
_GAP = re.compile(r"^\s*\|\s*HOMO-LUMO GAP\s+(-?\d+\.\d+)\s+eV\s*\|\s*$", re.M)
_DIPOLE = re.compile(r"^molecular dipole:\s*\n\s+x\s+y\s+z\s+tot \(Debye\)\s*\n\s*q only:.*\n\s*full:\s+"
                     r"(-?\d+\.\d+)\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)\s+(\d+\.\d+)\s*$", re.M)


def parse_xtb(stdout: str, stderr: str) -> dict:
    """Parses one GFN2 single-point output; raises XtbOutputError unless every value is found exactly once."""
    def one(rx, what):
        found = rx.findall(stdout)
        if len(found) != 1:
            raise XtbOutputError(f"expected exactly one '{what}' line in xtb output, found {len(found)}")
        return found[0]
    if "normal termination of xtb" not in stderr + stdout:
        raise XtbOutputError("no 'normal termination of xtb'")
    if "convergence criteria satisfied" not in stdout:
        raise XtbOutputError("SCC convergence line missing")
    energy = float(one(_ENERGY, "TOTAL ENERGY"))
    gap = float(one(_GAP, "HOMO-LUMO GAP"))
    dx, dy, dz, dtot = (float(v) for v in one(_DIPOLE, "molecular dipole / full"))
    if not (gap >= 0 and dtot >= 0 and energy < 0):
        raise XtbOutputError(f"implausible values: gap={gap} dipole={dtot} energy={energy}")
    return {"homo_lumo_gap_ev": gap, "dipole_debye": dtot, "energy_hartree": energy}


def run_xtb(xtb: str, mol3d: Chem.Mol) -> tuple[dict | None, str | None]:
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", OMP_STACKSIZE="200M")
    with tempfile.TemporaryDirectory(prefix="xtb-") as tmp:
        Path(tmp, "mol.xyz").write_text(Chem.MolToXYZBlock(mol3d))
        p = subprocess.run([xtb, "mol.xyz", "--gfn", "2", "--sp", "--chrg", "0", "--uhf", "0"], cwd=tmp, env=env,
                           capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        tail = " | ".join((p.stderr or p.stdout).strip().splitlines()[-3:])
        return None, f"xtb exit code {p.returncode}: {tail}"
    return parse_xtb(p.stdout, p.stderr), None


def xtb_version(xtb: str) -> str:
    out = subprocess.run([xtb, "--version"], capture_output=True, text=True).stdout
    m = re.search(r"xtb version (\S+)", out)
    if not m:
        raise SystemExit("cannot read the xtb version from `xtb --version`")
    return m.group(1)


# ------------------------------------------------------------------------------------------------------------ oracle
def oracle_row(ident: str, smiles: str, mol: Chem.Mol) -> dict:
    """Graph facts of a sanitised RDKit molecule (default aromaticity model), heavy-atom graph."""
    heavy = [a for a in mol.GetAtoms() if a.GetAtomicNum() != 1]
    bonds = [b for b in mol.GetBonds() if b.GetBeginAtom().GetAtomicNum() != 1 and b.GetEndAtom().GetAtomicNum() != 1]
    return {
        "id": ident,
        "smiles": smiles,
        "heavy_atoms": len(heavy),
        "bonds": len(bonds),
        "aromatic_atoms": sum(1 for a in heavy if a.GetIsAromatic()),
        "rings": rdMolDescriptors.CalcNumRings(mol),
        "formal_charge": sum(a.GetFormalCharge() for a in mol.GetAtoms()),
        "hydrogens": sum(a.GetTotalNumHs() for a in heavy),
        "scaffold": MurckoScaffold.MurckoScaffoldSmiles(mol=mol),
    }


def write_csv(path: Path, columns, rows) -> None:
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)


# ------------------------------------------------------------------------------------------------------------- main
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input-dir", type=Path, required=True, help="folder with first_5k.tpsa.csv and bzr.sdf")
    ap.add_argument("--out-dir", type=Path, required=True, help="data/molecules")
    ap.add_argument("--subset", type=int, default=0, help="seeded random subset size (0 = all molecules)")
    ap.add_argument("--xtb", default=shutil.which("xtb") or "xtb")
    args = ap.parse_args()
    RDLogger.DisableLog("rdApp.*")
    t_start = time.perf_counter()
    out = args.out_dir
    src_csv = args.input_dir / "first_5k.tpsa.csv"
    src_sdf = args.input_dir / "bzr.sdf"
    for p in (src_csv, src_sdf):
        if not p.is_file():
            raise SystemExit(f"input file not found: {p}")
    versions = {"python": sys.version.split()[0], "rdkit": rdkit.__version__, "xtb": xtb_version(args.xtb)}
    log(f"versions: {versions}")

    counts: list[tuple[str, int]] = []
    input_rows = read_input(src_csv)
    cands = filter_molecules(input_rows, counts)
    for name, n in counts:
        log(f"  {n:5d}  {name}")

    t0 = time.perf_counter()
    embed_failures = []
    kept = []
    for c in cands:
        why = embed(c)
        if why:
            embed_failures.append((c.id, c.smiles, why))
        else:
            kept.append(c)
    t_embed = time.perf_counter() - t0
    counts.append(("3-D conformer (ETKDGv3 + MMFF94 converged)", len(kept)))
    log(f"  {len(kept):5d}  3-D conformer; {len(embed_failures)} failures, {t_embed:.1f} s")
    for f in embed_failures:
        log(f"         embed failure {f}")

    # measure the xtb rate on a seeded sample, then decide (the decision itself is the --subset argument, so the
    # output does not depend on the timing of this run)
    sample = random.Random(SUBSET_SEED).sample(kept, min(RATE_SAMPLE, len(kept)))
    t0 = time.perf_counter()
    for c in sample:
        run_xtb(args.xtb, c.mol3d)
    rate = len(sample) / (time.perf_counter() - t0)
    estimate = len(kept) / rate
    log(f"xtb rate {rate:.2f} molecules/s on one core; all {len(kept)} molecules would take {estimate / 60:.1f} min "
        f"(budget {XTB_BUDGET_SECONDS / 60:.0f} min)")
    subset_note = "all molecules (no subset)"
    if args.subset:
        if args.subset < 2000:
            raise SystemExit("--subset must be at least 2000")
        chosen = set(id(c) for c in random.Random(SUBSET_SEED).sample(kept, min(args.subset, len(kept))))
        kept = [c for c in kept if id(c) in chosen]
        subset_note = f"seeded random subset of {len(kept)} (random.Random({SUBSET_SEED}).sample)"
        counts.append((f"random subset (seed {SUBSET_SEED})", len(kept)))
    elif estimate > XTB_BUDGET_SECONDS:
        log(f"WARNING: estimate exceeds the budget; rerun with --subset N (N >= 2000)")

    t0 = time.perf_counter()
    xtb_failures = []
    done = []
    for i, c in enumerate(kept):
        try:
            labels, why = run_xtb(args.xtb, c.mol3d)
        except XtbOutputError as e:
            raise SystemExit(f"unparsable xtb output for {c.id} ({c.smiles}): {e}")
        if why:
            xtb_failures.append((c.id, c.smiles, why))
            continue
        c.labels = labels
        done.append(c)
        if (i + 1) % 250 == 0:
            log(f"    xtb {i + 1}/{len(kept)}  {time.perf_counter() - t0:.0f} s")
    t_xtb = time.perf_counter() - t0
    kept = done
    counts.append(("GFN2-xTB single point succeeded", len(kept)))
    log(f"  {len(kept):5d}  xtb done; {len(xtb_failures)} failures, {t_xtb:.1f} s "
        f"({len(kept) / t_xtb:.2f} molecules/s)")
    for f in xtb_failures:
        log(f"         xtb failure {f}")

    # ---- outputs
    label_rows = []
    buf = io.StringIO()
    w = Chem.SDWriter(buf)
    w.SetForceV3000(False)
    for c in kept:
        row = {"id": c.id, "smiles": c.smiles, "tpsa": c.tpsa, "logp": f"{Crippen.MolLogP(c.mol):.4f}",
               "homo_lumo_gap_ev": f"{c.labels['homo_lumo_gap_ev']:.6f}",
               "dipole_debye": f"{c.labels['dipole_debye']:.3f}",
               "energy_hartree": f"{c.labels['energy_hartree']:.8f}"}
        label_rows.append(row)
        m = Chem.Mol(c.mol3d)
        m.SetProp("_Name", c.id)
        for k in LABEL_COLUMNS:
            m.SetProp(k, row[k])
        w.write(m)
    w.close()
    with open(out / "molecules.sdf.gz", "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("ascii"))
    write_csv(out / "molecules.csv", LABEL_COLUMNS, label_rows)
    write_csv(out / "rdkit-oracle.csv", ORACLE_COLUMNS, [oracle_row(c.id, c.smiles, c.mol) for c in kept])
    # the same oracle over every input row RDKit can parse (no filters): a wider test of the C# parser
    all_rows = []
    for row, smi, _ in input_rows:
        mol = Chem.MolFromSmiles(smi)
        if mol is not None:
            all_rows.append(oracle_row(f"nci5k-{row:04d}", smi, mol))
    write_csv(out / "rdkit-oracle-all.csv", ORACLE_COLUMNS, all_rows)

    shutil.copyfile(src_sdf, out / "bzr.sdf")
    bzr_rows = []
    for i, m in enumerate(Chem.SDMolSupplier(str(out / "bzr.sdf")), start=1):
        if m is None:
            raise SystemExit(f"RDKit cannot read record {i} of bzr.sdf")
        bzr_rows.append(oracle_row(f"bzr-{i:03d}", Chem.MolToSmiles(m), m))
    write_csv(out / "bzr-oracle.csv", ORACLE_COLUMNS, bzr_rows)

    t_total = time.perf_counter() - t_start
    log(f"wrote {len(kept)} molecules and {len(bzr_rows)} bzr oracle rows; total wall time {t_total:.0f} s")
    write_readme(out / "README.md", versions, counts, embed_failures, xtb_failures, rate, estimate, subset_note,
                 t_embed, t_xtb, t_total, len(bzr_rows))
    return 0


def write_readme(path, versions, counts, embed_failures, xtb_failures, rate, estimate, subset_note, t_embed, t_xtb,
                 t_total, n_bzr) -> None:
    count_lines = "\n".join(f"| {name} | {n} |" for name, n in counts)
    failure_lines = "\n".join(f"- `{i}` `{s}`: {why}" for i, s, why in embed_failures + xtb_failures) or "- none"
    text = README_TEMPLATE.format(
        python=versions["python"], rdkit=versions["rdkit"], xtb=versions["xtb"], counts=count_lines,
        failures=failure_lines, rate=f"{rate:.1f}", per_mol=f"{1000 / rate:.0f}", estimate=f"{estimate / 60:.1f}",
        budget=f"{XTB_BUDGET_SECONDS / 60:.0f}", subset=subset_note, t_embed=f"{t_embed / 60:.1f}",
        t_xtb=f"{t_xtb / 60:.1f}", t_total=f"{t_total / 60:.1f}", n_final=counts[-1][1], n_bzr=n_bzr,
        embed_seed=EMBED_SEED, subset_seed=SUBSET_SEED, max_heavy=MAX_HEAVY_ATOMS)
    path.write_text(text)


README_TEMPLATE = """\
# Small molecules with computed labels (chemistry experiment data)

Generated by `data/molecules/make.sh` (which runs `make_molecules.py`); do not edit by hand, re-run the script.
Used by `src/Landscaper.Chemistry` (`MolecularDataset`) and its RDKit oracle tests.

## Files

| file | what |
|---|---|
| `molecules.sdf.gz` | one record per molecule: V2000 molfile, one MMFF94-optimised 3-D conformer **with explicit hydrogens** (coordinates in Å), title line = `id`, data fields `id`, `smiles`, `tpsa`, `logp`, `homo_lumo_gap_ev`, `dipole_debye`, `energy_hartree` |
| `molecules.csv` | the same labels, one row per molecule, same order |
| `rdkit-oracle.csv` | graph facts computed by RDKit from the **input SMILES** (sanitised, RDKit default aromaticity model); the reference for `Landscaper.Chemistry`'s own parser |
| `rdkit-oracle-all.csv` | the same oracle for **every** input row RDKit can parse (no filters: charges, salts, metals, large molecules), ids as above; a wider test of the parser |
| `bzr.sdf` | copy of RDKit's `bzr.sdf`: {n_bzr} benzodiazepine-receptor ligands, V2000 3-D, heavy atoms only, data field `ACTIVITY` = pIC50 |
| `bzr-oracle.csv` | the same oracle columns for `bzr.sdf`, computed by RDKit from each molblock (`smiles` = RDKit canonical SMILES, for reading only) |

## Columns

| column | unit / meaning |
|---|---|
| `id` | `nci5k-NNNN`: NNNN = 1-based data row of the molecule in `first_5k.tpsa.csv` (comment line not counted); `bzr-NNN`: record number in `bzr.sdf` |
| `smiles` | the input SMILES, verbatim (Kekulé style, no lowercase aromatic atoms) |
| `tpsa` | topological polar surface area, Å², verbatim from the input file (Daylight tools / Ertl's `tpsa.c`, per the file's header) |
| `logp` | Wildman–Crippen logP (RDKit `Crippen.MolLogP`), dimensionless |
| `homo_lumo_gap_ev` | GFN2-xTB HOMO–LUMO gap, eV |
| `dipole_debye` | GFN2-xTB total molecular dipole moment (`full` line), Debye (xtb prints 3 decimals) |
| `energy_hartree` | GFN2-xTB total energy, Eh (hartree) |

Oracle columns (`rdkit-oracle.csv`, `rdkit-oracle-all.csv`, `bzr-oracle.csv`), all over the hydrogen-suppressed (heavy-atom) graph:
`heavy_atoms`; `bonds` (bonds between heavy atoms); `aromatic_atoms`; `rings` (`rdMolDescriptors.CalcNumRings`, i.e. the
symmetrised SSSR, which exceeds the cyclomatic number for some bridged systems); `formal_charge` (sum); `hydrogens`
(sum of implicit + explicit H over heavy atoms); `scaffold` (`MurckoScaffold.MurckoScaffoldSmiles`, canonical SMILES
without stereo; empty for acyclic molecules).

## How the molecules were chosen

Input: `first_5k.tpsa.csv` (NCI structures with TPSA, as shipped with RDKit's test data: one `#` comment line and
4,999 `SMILES,TPSA` rows).
"Neutral" here means **net formal charge 0**: molecules whose atoms carry charges that cancel (nitro groups written
`[N+](=O)[O-]`, N-oxides, ylides) are kept; salts are already excluded by the single-fragment filter.

| step | molecules left |
|---|---|
{counts}

Conformers: `AddHs`, ETKDGv3 (`randomSeed={embed_seed}`, one thread; if that fails, once more with
`useRandomCoords`), then MMFF94 minimisation (`maxIters=2000`, must converge). Stereocentres that the SMILES leaves
unspecified get whatever configuration the seeded embedding produces.
xtb: `xtb mol.xyz --gfn 2 --sp --chrg 0 --uhf 0` in a fresh temporary directory per molecule, `OMP_NUM_THREADS=1`;
output must contain the SCC convergence line, `normal termination`, and exactly one `TOTAL ENERGY`, `HOMO-LUMO GAP`
and dipole `full:` line, else the run aborts.

Dropped molecules (conformer or xtb failures):
{failures}

## Oracle agreement

`tests/Landscaper.Chemistry.Tests` (`RdkitOracleTests`) parses every input SMILES (the data set's and, in
`rdkit-oracle-all.csv`, all RDKit-parseable rows of the input) and every `bzr.sdf` record with
the torch-free C# library `Landscaper.Chemistry` and compares heavy atoms, bonds, aromatic atoms, rings, charge sum,
hydrogens, the Murcko scaffold (canonical key of RDKit's scaffold SMILES parsed by the C# parser) and the partition into
scaffold groups with the oracle files. Known disagreements are listed, with reasons, in that test.

## Versions, timing

Python {python}, RDKit {rdkit}, xtb {xtb} (Debian 12 packages `python3-rdkit`, `xtb`; see
`environment/apt-packages-data.txt`).

Measured xtb rate: {rate} molecules/s on one core (≈ {per_mol} ms per single point including process start), so all
molecules would take ≈ {estimate} min against a budget of {budget} min: {subset}.
Wall time of this run (2-core shared machine, `nice -n 10`, one thread): embedding {t_embed} min, xtb {t_xtb} min,
total {t_total} min. Final count: **{n_final}** molecules.

## Regenerate

```bash
apt-get install -y $(grep -v '^\\s*#' environment/apt-packages-data.txt)   # python3-rdkit, xtb
data/molecules/make.sh                      # input folder defaults to ../shared/data relative to the repo root
data/molecules/make.sh /path/to/input/dir   # folder holding first_5k.tpsa.csv and bzr.sdf
```

The outputs are deterministic for the same RDKit and xtb builds (fixed seeds, one thread, gzip without time stamp);
only the timings above change between runs.

## Licences and provenance

- NCI structures (`first_5k.tpsa.csv`): public-domain structures from the US National Cancer Institute open
  database, as redistributed with RDKit's test data.
- `bzr.sdf` and `first_5k.tpsa.csv` files as distributed with RDKit: RDKit is BSD-3-Clause licensed.
- Labels `logp`, `homo_lumo_gap_ev`, `dipole_debye`, `energy_hartree`, the conformers and the oracle files were computed
  here with RDKit {rdkit} and xtb {xtb} (GFN2-xTB); `tpsa` comes from the input file.
"""


if __name__ == "__main__":
    sys.exit(main())
