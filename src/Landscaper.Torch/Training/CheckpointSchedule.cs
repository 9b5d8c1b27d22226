namespace Landscaper.Training;

/// <summary>The optimiser steps at which <see cref="CheckpointedTraining"/> records a <see cref="Checkpoint"/>:
/// distinct, increasing, non-negative step numbers (step s = after s updates; step 0 = the initialisation).</summary>
public sealed class CheckpointSchedule
{
    private readonly int[] _steps;

    private CheckpointSchedule(int[] steps) => _steps = steps;

    /// <summary>The scheduled steps, strictly increasing.</summary>
    public IReadOnlyList<int> Steps => _steps;

    /// <summary>The last scheduled step.</summary>
    public int LastStep => _steps[^1];

    /// <summary>Whether <paramref name="step"/> is scheduled.</summary>
    public bool Contains(int step) => Array.BinarySearch(_steps, step) >= 0;

    /// <summary>
    /// <paramref name="count"/> steps from 0 to <paramref name="totalSteps"/>, logarithmically spaced so that early
    /// training — where the landscape changes fastest — is sampled densely.
    /// </summary>
    /// <remarks>
    /// s₀ = 0 and, for i = 1 … count−1, with g = count − 2 (the geometric grid from 1 to T = totalSteps):
    /// <code>sᵢ = min( max( sᵢ₋₁ + 1, round(T^((i−1)/g)) ), T − (count−1−i) )</code>
    /// (for count = 2 the steps are 0 and T; round = half away from zero). The <c>max</c> keeps steps distinct where the grid is denser than one
    /// step; the <c>min</c> leaves room for the remaining ones; the last step is always T.
    /// </remarks>
    /// <param name="totalSteps">Final step T (≥ 1): epochs × batches per epoch.</param>
    /// <param name="count">Number of checkpoints, including 0 and T (2 ≤ count ≤ T + 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (names it).</exception>
    public static CheckpointSchedule LogSpaced(int totalSteps, int count)
    {
        if (totalSteps < 1) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "Must be ≥ 1.");
        if (count < 2 || count > totalSteps + 1L)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Must be in 2..{totalSteps + 1L} (0 and the final step are always included, and steps are distinct).");
        var steps = new int[count];
        steps[count - 1] = totalSteps;
        int g = count - 2;
        for (int i = 1; i < count - 1; i++)
        {
            double ideal = Math.Round(Math.Pow(totalSteps, (double)(i - 1) / g), MidpointRounding.AwayFromZero);
            long s = Math.Max(steps[i - 1] + 1L, (long)ideal);
            steps[i] = (int)Math.Min(s, totalSteps - (count - 1L - i));
        }
        return new CheckpointSchedule(steps);
    }

    /// <summary><paramref name="count"/> evenly spaced steps from 0 to <paramref name="totalSteps"/>:
    /// sᵢ = round(i·T/(count−1)) (half away from zero), which are distinct when count ≤ T + 1.</summary>
    /// <param name="totalSteps">Final step T (≥ 1).</param>
    /// <param name="count">Number of checkpoints (2 ≤ count ≤ T + 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (names it).</exception>
    public static CheckpointSchedule Linear(int totalSteps, int count)
    {
        if (totalSteps < 1) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "Must be ≥ 1.");
        if (count < 2 || count > totalSteps + 1L)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Must be in 2..{totalSteps + 1L}.");
        return new CheckpointSchedule(Enumerable.Range(0, count).Select(i => (int)Math.Round((double)i * totalSteps / (count - 1), MidpointRounding.AwayFromZero)).ToArray());
    }

    /// <summary>A schedule of the given steps (sorted; duplicates are an error).</summary>
    /// <param name="steps">Non-negative, distinct step numbers (at least one).</param>
    /// <exception cref="ArgumentException">Empty, negative or repeated steps.</exception>
    public static CheckpointSchedule Explicit(IEnumerable<int> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var sorted = steps.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("At least one step is needed.", nameof(steps));
        if (sorted[0] < 0) throw new ArgumentException($"Steps must be ≥ 0, got {sorted[0]}.", nameof(steps));
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i] == sorted[i - 1]) throw new ArgumentException($"Step {sorted[i]} is listed twice.", nameof(steps));
        return new CheckpointSchedule(sorted);
    }

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", _steps)}]";
}
