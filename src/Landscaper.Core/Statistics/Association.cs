namespace Landscaper.Statistics;

/// <summary>What a <see cref="RankCorrelation"/> shows, decided by its confidence interval.</summary>
public enum Association
{
    /// <summary>The interval of ρ lies above 0: the two quantities tend to rank the units in the same order.</summary>
    Positive,

    /// <summary>The interval of ρ lies below 0: they tend to rank the units in opposite orders.</summary>
    Negative,

    /// <summary>The interval contains 0: no evidence of association.</summary>
    None,

    /// <summary>ρ or its interval is not defined (a constant series, or too few resamples with a defined ρ).</summary>
    Undefined,
}
