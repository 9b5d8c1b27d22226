namespace Landscaper.FineTuning;

/// <summary>What fine-tuning trains.</summary>
public enum FineTuningVariant
{
    /// <summary>Every parameter: the pre-trained encoder and the new head (AdamW, warm-up, linear decay).</summary>
    Full,

    /// <summary>The head only (a linear probe): the encoder is frozen and runs in eval mode.</summary>
    HeadOnly,
}
