namespace Landscaper.Statistics;

/// <summary>Mean and sample standard deviation of a set of values (immutable).</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Sd">Sample standard deviation (denominator n − 1); 0 for a single value.</param>
/// <param name="Count">Number of values.</param>
public sealed record MeanSd(double Mean, double Sd, int Count)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Mean:G4} ± {Sd:G2} (n = {Count})");
}
