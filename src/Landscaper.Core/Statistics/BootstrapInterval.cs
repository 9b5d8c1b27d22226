using System.Globalization;

namespace Landscaper.Statistics;

/// <summary>A statistic with a bootstrap percentile interval (immutable; from <see cref="SpearmanBootstrap"/>).</summary>
/// <param name="Estimate">The statistic on the original sample (NaN when undefined, e.g. a constant series).</param>
/// <param name="Lower">Lower end: the (1 − level)/2 quantile of the bootstrap replicates (NaN when the interval is undefined:
/// fewer than half of the resamples, or fewer than two, give a defined statistic).</param>
/// <param name="Upper">Upper end: the (1 + level)/2 quantile of the bootstrap replicates.</param>
/// <param name="Level">Nominal coverage, e.g. 0.95.</param>
/// <param name="Resamples">Bootstrap resamples drawn.</param>
/// <param name="ValidResamples">Resamples on which the statistic was defined (the others, e.g. a resample whose values are
/// all equal, are left out of the quantiles).</param>
/// <param name="Count">Sample size n.</param>
/// <param name="Seed">Seed of the resampling (the same inputs and seed reproduce the interval).</param>
public sealed record BootstrapInterval(double Estimate, double Lower, double Upper, double Level, int Resamples, int ValidResamples, int Count, int Seed)
{
    /// <summary>True when the interval lies entirely above 0 or entirely below 0 (false when it is undefined).</summary>
    public bool ExcludesZero => (Lower > 0 && Upper > 0) || (Lower < 0 && Upper < 0);

    /// <summary>True when <paramref name="value"/> lies in [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>E.g. "0.420 [0.100, 0.680]" (three decimals, invariant culture); "undefined" for an undefined estimate and
    /// "0.420 [interval undefined]" for an undefined interval.</summary>
    public override string ToString() =>
        double.IsNaN(Estimate) ? "undefined"
        : double.IsNaN(Lower) || double.IsNaN(Upper) ? string.Create(CultureInfo.InvariantCulture, $"{Estimate:F3} [interval undefined]")
        : string.Create(CultureInfo.InvariantCulture, $"{Estimate:F3} [{Lower:F3}, {Upper:F3}]");
}
