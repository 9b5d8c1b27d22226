namespace Landscaper.Statistics;

/// <summary>Direction of a paired change, decided by its confidence interval.</summary>
public enum ChangeDirection
{
    /// <summary>The interval of the mean change lies below 0.</summary>
    Decreased,

    /// <summary>The interval of the mean change lies above 0.</summary>
    Increased,

    /// <summary>The interval contains 0.</summary>
    NoChange,
}
