namespace PartnerPortal.Domain.Messaging;

/// <summary>One content problem: the rule that found it, the words that triggered it and a sentence a practice user understands.</summary>
/// <param name="Rule">A stable rule id such as <c>"url-shortener"</c> (see the constants on <see cref="ContentLint"/>).</param>
/// <param name="Text">The part of the text that triggered the rule, as written (e.g. <c>"bit.ly"</c>, <c>"20% off"</c>).</param>
/// <param name="Message">One sentence explaining the problem and what to do about it.</param>
public sealed record LintFinding(string Rule, string Text, string Message);
