using System.Globalization;

namespace Landscaper.Experiments;

/// <summary>The per-landscape columns of experiment tables — SMAD plain, normalised and weighted (and optionally the number of
/// minima) of every landscape a <see cref="MultiScaleAnalysisOptions"/> samples — with one naming scheme for all experiments:
/// <c>smad_2d_0.5</c>, <c>smadNormalized_3d_0.1</c>, <c>minima_2d_0.05</c>, … and words such as "SMAD (plain), 2-D landscape,
/// distance 0.5".</summary>
public static class SmadColumns
{
    /// <summary>One column: its name, its words, and how to read it from the landscape (NaN when the landscape is absent).</summary>
    /// <param name="Name">Column name.</param>
    /// <param name="Description">Words for sentences and axis titles.</param>
    /// <param name="Dimensions">Grid dimension of the landscape the column reads.</param>
    /// <param name="Distance">Half-width of that landscape.</param>
    /// <param name="Value">The value from the landscape's summary.</param>
    public sealed record Column(string Name, string Description, int Dimensions, double Distance, Func<LandscapeSummary, double> Value)
    {
        /// <summary>The value for an analysis result (NaN when the landscape was not sampled).</summary>
        public double Of(MultiScaleAnalysisResult analysis) => analysis.Landscape(Dimensions, Distance) is { } s ? Value(s) : double.NaN;
    }

    /// <summary>The columns of every 2-D landscape, then every 3-D one, in the order of the options' distances.</summary>
    /// <param name="options">The analysis settings.</param>
    /// <param name="withMinima">Also a <c>minima_…</c> column per landscape.</param>
    /// <param name="withExtent">Also <c>significantMinima_…</c> and <c>valueRange_…</c> columns per landscape (after minima).</param>
    public static IReadOnlyList<Column> For(MultiScaleAnalysisOptions options, bool withMinima = false, bool withExtent = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = new List<Column>();
        foreach (int dims in new[] { 2, 3 })
            foreach (double d in options.DistancesFor(dims))
            {
                string suffix = string.Create(CultureInfo.InvariantCulture, $"{dims}d_{d:G3}");
                string words = string.Create(CultureInfo.InvariantCulture, $"{dims}-D landscape, distance {d:G3}");
                list.Add(new($"smad_{suffix}", $"SMAD (plain), {words}", dims, d, s => s.Smad.Plain));
                list.Add(new($"smadNormalized_{suffix}", $"SMAD (normalised), {words}", dims, d, s => s.Smad.Normalized));
                list.Add(new($"smadWeighted_{suffix}", $"SMAD (weighted), {words}", dims, d, s => s.Smad.Weighted));
                if (withMinima) list.Add(new($"minima_{suffix}", $"minima, {words}", dims, d, s => s.Minima));
                if (withExtent)
                {
                    list.Add(new($"significantMinima_{suffix}", $"significant minima, {words}", dims, d, s => s.SignificantMinima));
                    list.Add(new($"valueRange_{suffix}", $"loss range, {words}", dims, d, s => s.ValueRange));
                }
            }
        return list;
    }
}
