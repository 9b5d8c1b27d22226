using Landscaper.Experiments;
using Landscaper.Hessian;
using Landscaper.Models.Graphs;

namespace Landscaper.Molecules;

/// <summary>Settings of <see cref="MolecularOodExperiment.Run"/>. Immutable; start from <see cref="Quick"/> or <see cref="Full"/>
/// and vary with <c>with</c>.</summary>
/// <param name="Labels">Labels to predict (names of <see cref="Chemistry.MolecularDataset.LabelNames"/>), each its own population.</param>
/// <param name="Splits">Split kinds; every label gets every kind.</param>
/// <param name="Models">The population trained for every label × split (see <see cref="MolecularModelSpec.HalfFractionPopulation"/>).</param>
/// <param name="Epochs">Training epochs (≥ 1), Adam.</param>
/// <param name="LearningRate">Adam step size (&gt; 0).</param>
/// <param name="BatchSize">Training graphs per mini-batch (≥ 1).</param>
/// <param name="AnalysisMolecules">Training molecules (a seeded sample of the training split, the same for every model of a
/// label × split) on which the Hessian and the landscapes are computed, as one batch (≥ 1).</param>
/// <param name="Analysis">Eigenpairs, grids, distances, trace budget (its seed is replaced by each model's seed).</param>
/// <param name="SplitOptions">Split sizes and thresholds.</param>
/// <param name="SplitSeed">Seed of the splits and of the analysis sample.</param>
/// <param name="MoleculeLimit">Use a seeded random subset of this many molecules (null = all) — for quick runs.</param>
/// <param name="SchNetEncoding">Graph encoding of the SchNet models (<see cref="MolecularGraphEncoding.HeavyAtomGeometry"/> by
/// default; <see cref="MolecularGraphEncoding.AllAtomGeometry"/> costs about 3× more per forward pass). GIN always uses
/// <see cref="MolecularGraphEncoding.HeavyAtomGraph"/>.</param>
/// <param name="SchNetCutoff">SchNet neighbour cutoff, Å.</param>
/// <param name="SchNetRadialBasis">SchNet Gaussians.</param>
/// <param name="Readout">Pooling over atoms (both architectures).</param>
public sealed record MolecularOodOptions(
    IReadOnlyList<string> Labels,
    IReadOnlyList<OodSplitKind> Splits,
    IReadOnlyList<MolecularModelSpec> Models,
    int Epochs,
    double LearningRate,
    int BatchSize,
    int AnalysisMolecules,
    MultiScaleAnalysisOptions Analysis,
    OodSplitOptions SplitOptions,
    int SplitSeed = 0,
    int? MoleculeLimit = null,
    MolecularGraphEncoding SchNetEncoding = MolecularGraphEncoding.HeavyAtomGeometry,
    double SchNetCutoff = 4.0,
    int SchNetRadialBasis = 16,
    GraphReadout Readout = GraphReadout.Sum)
{
    /// <summary>Default labels: the GFN2-xTB HOMO–LUMO gap (eV) and Crippen logP.</summary>
    public static IReadOnlyList<string> DefaultLabels { get; } = ["homo_lumo_gap_ev", "logp"];

    /// <summary>Every split kind: property tail, scaffold, random (control).</summary>
    public static IReadOnlyList<OodSplitKind> AllSplits { get; } = [OodSplitKind.PropertyTail, OodSplitKind.Scaffold, OodSplitKind.Random];

    /// <summary>Quick preset (notebook quick mode and tests; about a minute on one core): 500 molecules, both labels, all three
    /// splits, 4 models per label × split (GIN w16 d2 and SchNet w16 d2, seeds 0 and 1), 8 epochs, 48 analysis molecules,
    /// top-3 eigenpairs, 11² and 5³ grids at distances 0.5 and 0.1, 9 trace products.</summary>
    public static MolecularOodOptions Quick { get; } = new(
        DefaultLabels, AllSplits,
        [
            new(GraphArchitecture.Gin, 16, 2, 0, 0, 0), new(GraphArchitecture.Gin, 16, 2, 0, 0, 1),
            new(GraphArchitecture.SchNet, 16, 2, 0, 0, 0), new(GraphArchitecture.SchNet, 16, 2, 0, 0, 1),
        ],
        Epochs: 8, LearningRate: 3e-3, BatchSize: 32, AnalysisMolecules: 48,
        Analysis: new MultiScaleAnalysisOptions(TopK: 3, Steps2D: 11, Steps3D: 5, Distances: MultiScaleAnalysisOptions.DefaultDistances, TraceBudget: 9,
            Lanczos: new LanczosOptions(Tolerance: 1e-2, MaxBasis: 30, MaxRestarts: 1)),
        SplitOptions: new OodSplitOptions(),
        MoleculeLimit: 500);

    /// <summary>Full preset (see docs/results/04/README.md for the measured wall time): all 3,328 molecules, both labels, all three
    /// splits, 24 models per label × split (GIN widths 32/64 × depths 2/4 and SchNet widths 16/24 × interactions 2/3 in the
    /// half-fraction design, regularisation = dropout 0.1 + weight decay 1e-4, seeds 0–2), 30 epochs, 64 analysis molecules,
    /// top-3 eigenpairs, 25² and 9³ grids at distances 0.5 and 0.1, 24 trace products. Sized for ≤ 90 min on a shared 2-core
    /// machine (SchNet width 32 and 96 analysis molecules were measured to take about 90 min under a load average of 6).</summary>
    public static MolecularOodOptions Full { get; } = new(
        DefaultLabels, AllSplits,
        MolecularModelSpec.HalfFractionPopulation(
            [(GraphArchitecture.Gin, 32, 64, 2, 4), (GraphArchitecture.SchNet, 16, 24, 2, 3)], [0, 1, 2], dropout: 0.1, weightDecay: 1e-4),
        Epochs: 30, LearningRate: 2e-3, BatchSize: 64, AnalysisMolecules: 64,
        Analysis: new MultiScaleAnalysisOptions(TopK: 3, Steps2D: 25, Steps3D: 9, Distances: MultiScaleAnalysisOptions.DefaultDistances, TraceBudget: 24,
            Lanczos: new LanczosOptions(Tolerance: 1e-3, MaxBasis: 60, MaxRestarts: 2)),
        SplitOptions: new OodSplitOptions());

    /// <summary>Checks every field; throws naming the first bad one.</summary>
    /// <exception cref="ArgumentException">No labels, splits or models, a repeated label or split, or a bad nested option.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number out of range.</exception>
    public void Validate(string paramName = "options")
    {
        ArgumentNullException.ThrowIfNull(Labels, paramName);
        ArgumentNullException.ThrowIfNull(Splits, paramName);
        ArgumentNullException.ThrowIfNull(Models, paramName);
        ArgumentNullException.ThrowIfNull(Analysis, paramName);
        ArgumentNullException.ThrowIfNull(SplitOptions, paramName);
        if (Labels.Count == 0 || Labels.Distinct().Count() != Labels.Count) throw new ArgumentException("Labels must be non-empty and distinct.", paramName);
        if (Splits.Count == 0 || Splits.Distinct().Count() != Splits.Count) throw new ArgumentException("Splits must be non-empty and distinct.", paramName);
        if (Models.Count == 0) throw new ArgumentException("At least one model is needed.", paramName);
        if (Models.Distinct().Count() != Models.Count) throw new ArgumentException("A model spec is listed twice.", paramName);
        foreach (var m in Models) m.Validate(paramName);
        if (Epochs < 1) throw new ArgumentOutOfRangeException(paramName, Epochs, "Epochs must be ≥ 1.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(paramName, LearningRate, "LearningRate must be > 0.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(paramName, BatchSize, "BatchSize must be ≥ 1.");
        if (AnalysisMolecules < 1) throw new ArgumentOutOfRangeException(paramName, AnalysisMolecules, "AnalysisMolecules must be ≥ 1.");
        if (MoleculeLimit is < 20) throw new ArgumentOutOfRangeException(paramName, MoleculeLimit, "MoleculeLimit must be ≥ 20 (or null for all).");
        if (SchNetEncoding == MolecularGraphEncoding.HeavyAtomGraph || !Enum.IsDefined(SchNetEncoding))
            throw new ArgumentOutOfRangeException(paramName, SchNetEncoding, "SchNetEncoding must be a geometry encoding.");
        if (!(SchNetCutoff > 0) || !double.IsFinite(SchNetCutoff)) throw new ArgumentOutOfRangeException(paramName, SchNetCutoff, "SchNetCutoff must be finite and > 0.");
        if (SchNetRadialBasis < 2) throw new ArgumentOutOfRangeException(paramName, SchNetRadialBasis, "SchNetRadialBasis must be ≥ 2.");
        Analysis.Validate(paramName);
        SplitOptions.Validate(paramName);
    }

    /// <summary>The graph encoding used by <paramref name="architecture"/>.</summary>
    public MolecularGraphEncoding EncodingOf(GraphArchitecture architecture) =>
        architecture == GraphArchitecture.Gin ? MolecularGraphEncoding.HeavyAtomGraph : SchNetEncoding;
}
