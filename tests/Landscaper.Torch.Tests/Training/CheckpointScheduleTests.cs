using CsCheck;
using Landscaper.Training;

namespace Landscaper.Tests.Training;

public class CheckpointScheduleTests
{
    private static void AssertValid(CheckpointSchedule s, int total, int count)
    {
        Assert.Equal(count, s.Steps.Count);
        Assert.Equal(0, s.Steps[0]);
        Assert.Equal(total, s.LastStep);
        for (int i = 1; i < s.Steps.Count; i++) Assert.True(s.Steps[i] > s.Steps[i - 1], $"not increasing at {i}: {s}");
    }

    [Fact]
    public void Log_spaced_contains_zero_and_final_and_is_strictly_increasing() =>
        Gen.Int[1, 200_000].SelectMany(t => Gen.Int[2, (int)Math.Min(t + 1L, 400)].Select(c => (t, c)))
            .Sample(tc => AssertValid(CheckpointSchedule.LogSpaced(tc.t, tc.c), tc.t, tc.c), iter: 500, threads: 1);

    [Fact]
    public void Linear_contains_zero_and_final_and_is_strictly_increasing() =>
        Gen.Int[1, 200_000].SelectMany(t => Gen.Int[2, (int)Math.Min(t + 1L, 400)].Select(c => (t, c)))
            .Sample(tc => AssertValid(CheckpointSchedule.Linear(tc.t, tc.c), tc.t, tc.c), iter: 500, threads: 1);

    [Fact]
    public void Log_spaced_follows_the_geometric_grid()
    {
        Assert.Equal([0, 1, 10, 100, 1000], CheckpointSchedule.LogSpaced(1000, 5).Steps);
        Assert.Equal([0, 7], CheckpointSchedule.LogSpaced(7, 2).Steps);
        Assert.Equal([0, 1, 2, 3, 4], CheckpointSchedule.LogSpaced(4, 5).Steps);
        Assert.Equal([0, 1, 2, 3, 5, 8, 13, 22, 36, 60, 100], CheckpointSchedule.LogSpaced(100, 11).Steps);
    }

    [Fact]
    public void Invalid_arguments_are_named()
    {
        Assert.Equal("totalSteps", Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointSchedule.LogSpaced(0, 2)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointSchedule.LogSpaced(3, 5)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointSchedule.LogSpaced(3, 1)).ParamName);
        Assert.Throws<ArgumentException>(() => CheckpointSchedule.Explicit([1, 1]));
        Assert.Throws<ArgumentException>(() => CheckpointSchedule.Explicit([-1]));
        Assert.Equal([0, 5, 9], CheckpointSchedule.Explicit([9, 0, 5]).Steps);
    }
}
