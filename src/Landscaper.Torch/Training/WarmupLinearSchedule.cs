namespace Landscaper.Training;

/// <summary>
/// The learning-rate schedule of BERT fine-tuning: a linear warm-up from 0 to the peak rate over the first
/// <see cref="WarmupSteps"/> optimiser steps, then a linear decay to 0 at <see cref="TotalSteps"/>. Plain data; the
/// training loop sets the optimiser's rate before each step.
/// </summary>
/// <param name="PeakRate">Learning rate at the end of the warm-up (&gt; 0).</param>
/// <param name="WarmupSteps">Steps of the warm-up (0 … TotalSteps).</param>
/// <param name="TotalSteps">Steps of the whole run (≥ 1).</param>
public sealed record WarmupLinearSchedule(double PeakRate, int WarmupSteps, int TotalSteps)
{
    /// <summary>A schedule whose warm-up is <paramref name="warmupFraction"/> of <paramref name="totalSteps"/> (rounded up).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A fraction outside [0, 1] or invalid steps/rate.</exception>
    public static WarmupLinearSchedule WithWarmupFraction(double peakRate, double warmupFraction, int totalSteps)
    {
        if (!(warmupFraction >= 0 && warmupFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(warmupFraction), warmupFraction, "Must be in [0, 1].");
        return new WarmupLinearSchedule(peakRate, (int)Math.Ceiling(warmupFraction * totalSteps), totalSteps).Validated();
    }

    /// <summary>The rate for the optimiser step with 0-based index <paramref name="step"/>: (step + 1)/WarmupSteps × peak during
    /// the warm-up, then peak × (TotalSteps − step)/(TotalSteps − WarmupSteps); 0 from TotalSteps on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative step.</exception>
    public double RateAt(int step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "Must be ≥ 0.");
        if (step >= TotalSteps) return 0;
        if (step < WarmupSteps) return PeakRate * (step + 1) / WarmupSteps;
        return PeakRate * (TotalSteps - step) / (TotalSteps - WarmupSteps);
    }

    /// <summary>Checks the fields and returns this schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public WarmupLinearSchedule Validated()
    {
        if (!(PeakRate > 0) || !double.IsFinite(PeakRate)) throw new ArgumentOutOfRangeException(nameof(PeakRate), PeakRate, "Must be finite and > 0.");
        if (TotalSteps < 1) throw new ArgumentOutOfRangeException(nameof(TotalSteps), TotalSteps, "Must be ≥ 1.");
        if (WarmupSteps < 0 || WarmupSteps > TotalSteps) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, $"Must be in 0 … {TotalSteps}.");
        return this;
    }
}
