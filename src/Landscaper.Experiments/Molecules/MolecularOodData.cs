using Deedle;
using Landscaper.Chemistry;
using Plotly.NET;

namespace Landscaper.Molecules;

/// <summary>
/// The molecule data set as the molecular notebooks see it: counts, labels, identifiers, 3-D drawings and the experiment, with no
/// <c>Landscaper.Chemistry</c> type in its public members, so notebook code compiles against the assemblies the notebook
/// runner preloads (Chemistry is loaded at run time through Experiments).
/// </summary>
public sealed class MolecularOodData
{
    private readonly MolecularDataset _dataset;

    private MolecularOodData(MolecularDataset dataset) => _dataset = dataset;

    /// <summary>Loads data/molecules from <paramref name="directory"/>, or when null from the repository holding the current
    /// directory (a notebook runs in notebooks/), else the one holding the application.</summary>
    /// <exception cref="FileNotFoundException">A data file is missing.</exception>
    /// <exception cref="DirectoryNotFoundException">No repository found.</exception>
    public static MolecularOodData Load(string? directory = null)
    {
        if (directory is null)
        {
            try { directory = MolecularDataset.FindDataDirectory(Environment.CurrentDirectory); }
            catch (DirectoryNotFoundException) { directory = MolecularDataset.FindDataDirectory(); }
        }
        return new MolecularOodData(MolecularDataset.Load(directory));
    }

    /// <summary>Number of molecules.</summary>
    public int Count => _dataset.Count;

    /// <summary>Label names (see data/molecules/README.md for units).</summary>
    public IReadOnlyList<string> LabelNames => MolecularDataset.LabelNames;

    /// <summary>Values of label <paramref name="name"/>, one per molecule.</summary>
    public double[] Label(string name) => _dataset.Label(name);

    /// <summary>Identifier of molecule <paramref name="index"/> (e.g. nci5k-0001).</summary>
    public string Id(int index) => _dataset[index].Id;

    /// <summary>Input SMILES of molecule <paramref name="index"/>.</summary>
    public string Smiles(int index) => _dataset[index].Smiles;

    /// <summary>Atoms (hydrogens included) of molecule <paramref name="index"/>.</summary>
    public int AtomCount(int index) => _dataset[index].Molecule.AtomCount;

    /// <summary>Heavy atoms of molecule <paramref name="index"/>.</summary>
    public int HeavyAtomCount(int index) => _dataset[index].Molecule.HeavyAtomCount;

    /// <summary>Number of distinct Bemis–Murcko scaffolds (acyclic molecules count as one).</summary>
    public int ScaffoldCount => _dataset.ScaffoldGroups.Groups.Count;

    /// <summary>Scaffold key of molecule <paramref name="index"/> ("" when acyclic).</summary>
    public string Scaffold(int index) => _dataset.ScaffoldGroups.Keys[index];

    /// <summary>The molecule drawn in 3-D (<see cref="MolecularOodCharts.Molecule3D"/>).</summary>
    public GenericChart Molecule3D(int index) => MolecularOodCharts.Molecule3D(_dataset[index]);

    /// <summary>Count, mean, sd, min, median, max of every label (a Deedle frame, one row per label).</summary>
    public Frame<int, string> LabelSummary()
    {
        var names = LabelNames;
        var keys = Enumerable.Range(0, names.Count).ToArray();
        var values = names.Select(n => Label(n).Order().ToArray()).ToArray();
        Series<int, double> Col(Func<double[], double> f) => new(keys, values.Select(f).ToArray());
        return new FrameBuilder.Columns<int, string>
        {
            { "label", new Series<int, string>(keys, names.ToArray()) },
            { "unit", new Series<int, string>(keys, names.Select(n => MolecularOodFindings.Unit(n)).ToArray()) },
            { "n", Col(v => v.Length) }, { "mean", Col(v => v.Average()) }, { "sd", Col(v => Statistics.ExperimentStatistics.MeanSd(v).Sd) },
            { "min", Col(v => v[0]) }, { "median", Col(v => v[v.Length / 2]) }, { "max", Col(v => v[^1]) },
        }.Frame;
    }

    /// <summary>Runs <see cref="MolecularOodExperiment.Run"/> on this data set.</summary>
    public MolecularOodResult Run(MolecularOodOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        MolecularOodExperiment.Run(_dataset, options, progress, cancellationToken);
}
