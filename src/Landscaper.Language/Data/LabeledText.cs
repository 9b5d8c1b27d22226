namespace Landscaper.Language.Data;

/// <summary>One e-mail of the SpamAssassin subset.</summary>
/// <param name="Id">Source id, <c>group/number</c> (e.g. <c>spam-1/00042</c>).</param>
/// <param name="Group">Corpus folder: easy-ham-1, spam-1, hard-ham-1 or spam-2.</param>
/// <param name="Label">0 = ham, 1 = spam.</param>
/// <param name="Split">train, test (in-distribution) or shifted.</param>
/// <param name="Subject">Cleaned subject line (may be empty).</param>
/// <param name="Text">Model input: subject, " | ", start of the cleaned body.</param>
public sealed record LabeledText(string Id, string Group, int Label, string Split, string Subject, string Text);
