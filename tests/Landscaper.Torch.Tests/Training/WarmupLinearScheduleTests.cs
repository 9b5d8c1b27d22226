using Landscaper.Training;

namespace Landscaper.Tests.Training;

public class WarmupLinearScheduleTests
{
    [Fact]
    public void Rises_linearly_to_the_peak_then_falls_linearly_to_zero()
    {
        var s = new WarmupLinearSchedule(1e-3, 4, 10).Validated();
        double[] expected = [0.25e-3, 0.5e-3, 0.75e-3, 1e-3, 1e-3, 5e-3 / 6, 4e-3 / 6, 3e-3 / 6, 2e-3 / 6, 1e-3 / 6, 0, 0];
        for (int step = 0; step < expected.Length; step++) Assert.Equal(expected[step], s.RateAt(step), 15);
    }

    [Fact]
    public void Without_warm_up_it_starts_at_the_peak_and_with_a_fraction_the_warm_up_is_rounded_up()
    {
        var s = new WarmupLinearSchedule(2.0, 0, 4);
        Assert.Equal([2.0, 1.5, 1.0, 0.5], Enumerable.Range(0, 4).Select(s.RateAt));
        Assert.Equal(15, WarmupLinearSchedule.WithWarmupFraction(1, 0.1, 146).WarmupSteps);
        Assert.Equal(0, WarmupLinearSchedule.WithWarmupFraction(1, 0, 146).WarmupSteps);
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupLinearSchedule(0, 1, 10).Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupLinearSchedule(1, 11, 10).Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupLinearSchedule(1, 0, 0).Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => WarmupLinearSchedule.WithWarmupFraction(1, 1.5, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupLinearSchedule(1, 1, 10).RateAt(-1));
    }
}
