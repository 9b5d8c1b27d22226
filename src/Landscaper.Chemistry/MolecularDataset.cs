using System.Collections;
using System.Globalization;

namespace Landscaper.Chemistry;

/// <summary>
/// The committed molecule data set (data/molecules/: <c>molecules.sdf.gz</c> + <c>molecules.csv</c>), loaded into
/// records with 3-D molecules and labels.
/// </summary>
/// <remarks>
/// Labels (<see cref="LabelNames"/>): <c>tpsa</c> topological polar surface area, Å²; <c>logp</c> Crippen logP;
/// <c>homo_lumo_gap_ev</c> GFN2-xTB HOMO–LUMO gap, eV; <c>dipole_debye</c> GFN2-xTB dipole moment, Debye;
/// <c>energy_hartree</c> GFN2-xTB total energy, hartree. Molecules and labels come from the SDF; the CSV must list the
/// same ids, SMILES and values in the same order, otherwise loading fails.
/// </remarks>
public sealed class MolecularDataset : IReadOnlyList<MoleculeRecord>
{
    /// <summary>SDF file name inside the data directory.</summary>
    public const string SdfFileName = "molecules.sdf.gz";

    /// <summary>CSV file name inside the data directory.</summary>
    public const string CsvFileName = "molecules.csv";

    /// <summary>Label names, in file column order.</summary>
    public static IReadOnlyList<string> LabelNames { get; } = ["tpsa", "logp", "homo_lumo_gap_ev", "dipole_debye", "energy_hartree"];

    private readonly MoleculeRecord[] _records;
    private readonly Lazy<ScaffoldGroups> _scaffolds;

    private MolecularDataset(MoleculeRecord[] records)
    {
        _records = records;
        _scaffolds = new Lazy<ScaffoldGroups>(() => ScaffoldGroups.Compute(_records.Select(r => r.Molecule).ToArray()));
    }

    /// <summary>Loads <c>molecules.sdf.gz</c> and <c>molecules.csv</c> from <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">Missing or non-numeric label, or the SDF and CSV disagree.</exception>
    /// <exception cref="SdfException">Malformed SDF.</exception>
    public static MolecularDataset Load(string directory)
    {
        string sdf = Path.Combine(directory, SdfFileName), csv = Path.Combine(directory, CsvFileName);
        foreach (var p in new[] { sdf, csv })
            if (!File.Exists(p)) throw new FileNotFoundException($"data file not found: {p}", p);
        var records = SdfReader.ReadFile(sdf).Select(ToRecord).ToArray();
        CheckAgainstCsv(records, csv);
        return new MolecularDataset(records);
    }

    /// <summary>
    /// data/molecules of the repository holding <paramref name="start"/> (default: the application base directory):
    /// the first ancestor folder containing Landscaper.Workbench.sln.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such ancestor.</exception>
    public static string FindDataDirectory(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Landscaper.Workbench.sln")))
                return Path.Combine(dir.FullName, "data", "molecules");
        throw new DirectoryNotFoundException($"no Landscaper.Workbench.sln above {start ?? AppContext.BaseDirectory}");
    }

    /// <summary>Scaffold partition of the records (computed once, on first use).</summary>
    public ScaffoldGroups ScaffoldGroups => _scaffolds.Value;

    /// <inheritdoc />
    public MoleculeRecord this[int index] => _records[index];

    /// <inheritdoc />
    public int Count => _records.Length;

    /// <inheritdoc />
    public IEnumerator<MoleculeRecord> GetEnumerator() => ((IEnumerable<MoleculeRecord>)_records).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The values of label <paramref name="name"/>, index-aligned with the records.</summary>
    public double[] Label(string name) => _records.Select(r => r.Labels[name]).ToArray();

    private static MoleculeRecord ToRecord(SdfRecord r)
    {
        string id = r["id"] ?? throw new InvalidDataException($"SDF record {r.Number}: no 'id' field");
        string smiles = r["smiles"] ?? throw new InvalidDataException($"SDF record {r.Number} ({id}): no 'smiles' field");
        if (r.Title != id) throw new InvalidDataException($"SDF record {r.Number}: title '{r.Title}' differs from id '{id}'");
        var labels = new Dictionary<string, double>();
        foreach (var name in LabelNames)
        {
            string text = r[name] ?? throw new InvalidDataException($"SDF record {r.Number} ({id}): no '{name}' field");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw new InvalidDataException($"SDF record {r.Number} ({id}): '{name}' value '{text}' is not a number");
            labels[name] = v;
        }
        if (r.Molecule.Coordinates is null) throw new InvalidDataException($"SDF record {r.Number} ({id}): no coordinates");
        return new MoleculeRecord(id, smiles, r.Molecule, labels);
    }

    private static void CheckAgainstCsv(MoleculeRecord[] records, string csv)
    {
        var lines = File.ReadAllLines(csv).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        string[] expected = ["id", "smiles", .. LabelNames];
        if (!header.SequenceEqual(expected))
            throw new InvalidDataException($"{csv}: header '{lines[0]}', expected '{string.Join(",", expected)}'");
        if (lines.Length - 1 != records.Length)
            throw new InvalidDataException($"{csv}: {lines.Length - 1} rows but the SDF has {records.Length} records");
        for (int i = 0; i < records.Length; i++)
        {
            var cells = lines[i + 1].Split(',');
            var r = records[i];
            if (cells.Length != expected.Length || cells[0] != r.Id || cells[1] != r.Smiles)
                throw new InvalidDataException($"{csv} line {i + 2}: '{lines[i + 1]}' does not match SDF record {i + 1} ({r.Id})");
            for (int k = 0; k < LabelNames.Count; k++)
            {
                double v = double.Parse(cells[2 + k], NumberStyles.Float, CultureInfo.InvariantCulture);
                if (v != r.Labels[LabelNames[k]])
                    throw new InvalidDataException($"{csv} line {i + 2}: {LabelNames[k]} = {cells[2 + k]} but the SDF says {r.Labels[LabelNames[k]]}");
            }
        }
    }
}
