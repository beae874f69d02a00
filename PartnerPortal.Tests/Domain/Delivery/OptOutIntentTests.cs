using System.Globalization;
using System.Runtime.CompilerServices;
using PartnerPortal.Domain.Delivery;
using Xunit.Abstractions;

namespace PartnerPortal.Tests.Domain.Delivery;

/// <summary>
/// The intent table over the labelled replies of OptOutIntentSet.tsv (label, tab, reply): precision and recall of
/// "opt out" are printed; no ordinary reply may be opted out and recall on clear intent must be at least 0.95.
/// </summary>
public sealed class OptOutIntentTests(ITestOutputHelper output)
{
    private sealed record Labelled(string Label, string Text);

    private static IReadOnlyList<Labelled> Set([CallerFilePath] string here = "") =>
        File.ReadLines(Path.Combine(Path.GetDirectoryName(here)!, "OptOutIntentSet.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t', 2))
            .Select(parts => new Labelled(parts[0], parts[1]))
            .ToList();

    private static string Predict(string text) => OptOutIntent.Classify(text).Kind switch
    {
        OptOutIntentKind.OptOut => "optout",
        OptOutIntentKind.Review => "review",
        _ => "none",
    };

    [Fact]
    public void Classify_LabelledSet_NoOrdinaryReplyOptedOutAndRecallAtLeast95()
    {
        var set = Set();
        var results = set.Select(r => (r.Label, r.Text, Predicted: Predict(r.Text))).ToList();
        var truePositives = results.Count(r => r.Label == "optout" && r.Predicted == "optout");
        var falsePositives = results.Count(r => r.Label != "optout" && r.Predicted == "optout");
        var falseNegatives = results.Count(r => r.Label == "optout" && r.Predicted != "optout");
        var precision = truePositives + falsePositives == 0 ? 1.0 : (double)truePositives / (truePositives + falsePositives);
        var recall = (double)truePositives / (truePositives + falseNegatives);
        var reviewRecall = (double)results.Count(r => r.Label == "review" && r.Predicted == "review") / results.Count(r => r.Label == "review");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{set.Count} replies ({set.Count(r => r.Label == "optout")} opt-out, {set.Count(r => r.Label == "review")} review, {set.Count(r => r.Label == "none")} ordinary)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"opt out: precision {precision:0.000}, recall {recall:0.000}; review found {reviewRecall:0.000}"));
        foreach (var miss in results.Where(r => r.Label != r.Predicted))
        {
            output.WriteLine($"  {miss.Label} read as {miss.Predicted}: {miss.Text}");
        }

        set.Count.Should().BeGreaterThanOrEqualTo(300);
        results.Where(r => r.Label == "none" && r.Predicted == "optout").Select(r => r.Text).Should().BeEmpty("no ordinary reply may opt a patient out");
        recall.Should().BeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void Classify_LabelledSet_CoversBothLanguagesTyposAndEmoji()
    {
        var texts = Set().Select(r => r.Text).ToList();

        texts.Should().Contain(t => t.Contains('é') || t.Contains('í') || t.Contains('á'), "Spanish with accents");
        texts.Should().Contain(t => t.Any(char.IsSurrogate), "emoji");
        texts.Should().Contain(t => t == t.ToUpperInvariant() && t.Any(char.IsLetter), "capitals");
    }

    [Theory]
    [InlineData("Please stop texting me!!", "\"stop\" + texts")]
    [InlineData("remove me from your list", "\"remove me\"")]
    [InlineData("No me envíen más mensajes", "\"no me envien\"")]
    public void Classify_ClearIntent_OptOutNamingItsRule(string text, string rule)
    {
        OptOutIntent.Classify(text).Should().Be(new OptOutIntentMatch(OptOutIntentKind.OptOut, rule));
    }

    [Theory]
    [InlineData("stop calling me at work")]
    [InlineData("not interested")]
    [InlineData("wrong number")]
    public void Classify_MightMeanStop_Review(string text)
    {
        OptOutIntent.Classify(text).Kind.Should().Be(OptOutIntentKind.Review);
    }

    [Theory]
    [InlineData("who is this?")]
    [InlineData("Yes I'll be there")]
    [InlineData("Can I reschedule to Friday?")]
    [InlineData("Thanks!")]
    [InlineData("stop by at 3?")]
    public void Classify_OrdinaryReply_None(string text)
    {
        OptOutIntent.Classify(text).Should().Be(OptOutIntentMatch.None);
    }
}
