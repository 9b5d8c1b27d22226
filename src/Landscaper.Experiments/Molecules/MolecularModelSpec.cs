using System.Globalization;
using Landscaper.Models;
using Landscaper.Models.Graphs;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Molecules;

/// <summary>One member of a model population: architecture, size, regularisation and seed. Immutable.</summary>
/// <param name="Architecture">GIN or SchNet.</param>
/// <param name="Width">Hidden width (GIN) or atom/filter width (SchNet), ≥ 2.</param>
/// <param name="Depth">Message-passing layers (GIN) or interaction blocks (SchNet), ≥ 1.</param>
/// <param name="Dropout">Dropout probability in [0, 1).</param>
/// <param name="WeightDecay">L2 penalty of the optimiser (≥ 0; <see cref="Training.TrainingOptions.WeightDecay"/>).</param>
/// <param name="Seed">Seed of the initialisation, the batch order, the Lanczos start and the Hutch++ probes.</param>
public sealed record MolecularModelSpec(GraphArchitecture Architecture, int Width, int Depth, double Dropout, double WeightDecay, int Seed)
{
    /// <summary>Short architecture name: <c>gin</c> or <c>schnet</c>.</summary>
    public string ArchitectureName => Architecture == GraphArchitecture.Gin ? "gin" : "schnet";

    /// <summary>The configuration without the seed, e.g. <c>gin-w32-d2-wd0.0001-p0.1</c>.</summary>
    public string Config => string.Create(CultureInfo.InvariantCulture, $"{ArchitectureName}-w{Width}-d{Depth}-wd{WeightDecay:G3}-p{Dropout:G3}");

    /// <summary>Configuration and seed, e.g. <c>gin-w32-d2-wd0-p0/s1</c>.</summary>
    public string Name => $"{Config}/s{Seed}";

    /// <summary>Checks every field; throws naming the first bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field out of range.</exception>
    public void Validate(string paramName = "spec")
    {
        if (!Enum.IsDefined(Architecture)) throw new ArgumentOutOfRangeException(paramName, Architecture, "Unknown architecture.");
        if (Width < 2) throw new ArgumentOutOfRangeException(paramName, Width, "Width must be ≥ 2.");
        if (Depth < 1) throw new ArgumentOutOfRangeException(paramName, Depth, "Depth must be ≥ 1.");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(paramName, Dropout, "Dropout must be in [0, 1).");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay)) throw new ArgumentOutOfRangeException(paramName, WeightDecay, "WeightDecay must be finite and ≥ 0.");
    }

    /// <summary>Builds the untrained model, deterministically initialised from <see cref="Seed"/> (<see cref="Seeded.Create{T}"/>).</summary>
    /// <param name="nodeFeatures">Node features of the batches.</param>
    /// <param name="edgeFeatures">Edge features of the batches (GIN).</param>
    /// <param name="schNetCutoff">SchNet neighbour cutoff, Å.</param>
    /// <param name="schNetRadialBasis">SchNet Gaussians.</param>
    /// <param name="readout">Sum or mean over atoms.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public nn.Module<Tensor, Tensor> Build(int nodeFeatures, int edgeFeatures, double schNetCutoff, int schNetRadialBasis, GraphReadout readout,
        ScalarType dtype = ScalarType.Float32)
    {
        Validate();
        nn.Module<Tensor, Tensor> model = Architecture == GraphArchitecture.Gin
            ? Seeded.Create(Seed, () => new GinModel(nodeFeatures, edgeFeatures, Width, Depth, 1, Dropout, readout))
            : Seeded.Create(Seed, () => new SchNetModel(nodeFeatures, Width, Depth, 1, schNetCutoff, schNetRadialBasis, Dropout, readout));
        return dtype == ScalarType.Float32 ? model : model.to(dtype);
    }

    /// <summary>
    /// A balanced population: for each architecture, the four configurations of a half-fraction 2³⁻¹ design over width
    /// (small, large), depth (small, large) and regularisation (off, on) — (small, small, off), (small, large, on),
    /// (large, small, on), (large, large, off) — so each level of each factor appears equally often, times every seed.
    /// "On" means <paramref name="dropout"/> and <paramref name="weightDecay"/> together; "off" means neither.
    /// </summary>
    /// <param name="architectures">Architectures, each with its (small, large) widths and depths.</param>
    /// <param name="seeds">Seeds (at least one).</param>
    /// <param name="dropout">Dropout when regularised.</param>
    /// <param name="weightDecay">Weight decay when regularised.</param>
    /// <returns>architectures × 4 × seeds specs, architecture-major, then configuration, then seed.</returns>
    public static IReadOnlyList<MolecularModelSpec> HalfFractionPopulation(
        IReadOnlyList<(GraphArchitecture Architecture, int SmallWidth, int LargeWidth, int SmallDepth, int LargeDepth)> architectures,
        IReadOnlyList<int> seeds, double dropout, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0) throw new ArgumentException("At least one seed is needed.", nameof(seeds));
        var specs = new List<MolecularModelSpec>();
        foreach (var (arch, sw, lw, sd, ld) in architectures)
            foreach (var (w, d, reg) in new[] { (sw, sd, false), (sw, ld, true), (lw, sd, true), (lw, ld, false) })
                foreach (int seed in seeds)
                {
                    var spec = new MolecularModelSpec(arch, w, d, reg ? dropout : 0, reg ? weightDecay : 0, seed);
                    spec.Validate(nameof(architectures));
                    specs.Add(spec);
                }
        return specs;
    }
}
