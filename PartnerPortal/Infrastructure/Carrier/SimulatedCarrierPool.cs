using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Numbers;

namespace PartnerPortal.Infrastructure.Carrier;

/// <summary>
/// A simulated carrier: hands out +1 numbers in an area code of the state (or Canadian province), preferring
/// the fictional 555-01XX range, then the rest of the 555 exchange. A number already stored is never reused
/// (the unique index on <c>SmsNumbers.Number</c> backs this up against concurrent approvals).
/// </summary>
public sealed class SimulatedCarrierPool : ICarrierNumberPool
{
    private static readonly string[] FallbackAreaCodes = ["614", "380"];

    private static readonly Dictionary<string, string[]> UsAreaCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AL"] = ["205", "251", "256", "334"], ["AK"] = ["907"], ["AZ"] = ["480", "520", "602", "623", "928"],
        ["AR"] = ["479", "501", "870"], ["CA"] = ["209", "213", "310", "415", "510", "619", "714", "818", "916"],
        ["CO"] = ["303", "719", "720", "970"], ["CT"] = ["203", "860"], ["DE"] = ["302"], ["DC"] = ["202"],
        ["FL"] = ["305", "407", "561", "727", "813", "904", "954"], ["GA"] = ["404", "470", "678", "706", "770", "912"],
        ["HI"] = ["808"], ["ID"] = ["208"], ["IL"] = ["217", "312", "630", "708", "773", "847"],
        ["IN"] = ["219", "260", "317", "574", "765", "812"], ["IA"] = ["319", "515", "563", "712"],
        ["KS"] = ["316", "620", "785", "913"], ["KY"] = ["270", "502", "606", "859"],
        ["LA"] = ["225", "318", "337", "504", "985"], ["ME"] = ["207"], ["MD"] = ["240", "301", "410", "443"],
        ["MA"] = ["413", "508", "617", "781", "978"], ["MI"] = ["231", "248", "269", "313", "517", "586", "616", "734", "810", "989"],
        ["MN"] = ["218", "320", "507", "612", "651", "763", "952"], ["MS"] = ["228", "601", "662"],
        ["MO"] = ["314", "417", "573", "636", "816"], ["MT"] = ["406"], ["NE"] = ["308", "402"], ["NV"] = ["702", "775"],
        ["NH"] = ["603"], ["NJ"] = ["201", "609", "732", "856", "908", "973"], ["NM"] = ["505", "575"],
        ["NY"] = ["212", "315", "516", "518", "585", "607", "631", "716", "718", "845", "914"],
        ["NC"] = ["252", "336", "704", "828", "910", "919", "980"], ["ND"] = ["701"],
        ["OH"] = ["614", "216", "330", "419", "440", "513", "567", "740", "937", "380"], ["OK"] = ["405", "580", "918"],
        ["OR"] = ["503", "541", "971"], ["PA"] = ["215", "267", "412", "484", "570", "610", "717", "724", "814"],
        ["RI"] = ["401"], ["SC"] = ["803", "843", "864"], ["SD"] = ["605"], ["TN"] = ["423", "615", "731", "865", "901", "931"],
        ["TX"] = ["210", "214", "281", "512", "713", "817", "832", "915", "972"], ["UT"] = ["385", "435", "801"],
        ["VT"] = ["802"], ["VA"] = ["276", "434", "540", "571", "703", "757", "804"], ["WA"] = ["206", "253", "360", "425", "509"],
        ["WV"] = ["304", "681"], ["WI"] = ["262", "414", "608", "715", "920"], ["WY"] = ["307"],
        ["PR"] = ["787", "939"], ["GU"] = ["671"], ["VI"] = ["340"], ["AS"] = ["684"], ["MP"] = ["670"],
    };

    private static readonly Dictionary<string, string[]> CanadianAreaCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AB"] = ["403", "780"], ["BC"] = ["604", "250", "778"], ["MB"] = ["204"], ["NB"] = ["506"], ["NL"] = ["709"],
        ["NS"] = ["902"], ["PE"] = ["902"], ["ON"] = ["416", "519", "613", "647", "705", "905"], ["QC"] = ["514", "418", "450", "819"],
        ["SK"] = ["306"], ["NT"] = ["867"], ["NU"] = ["867"], ["YT"] = ["867"],
    };

    /// <summary>The area codes numbers are drawn from for a state or province (a default set when unknown).</summary>
    public static IReadOnlyList<string> AreaCodesFor(string? countryCode, string? state)
    {
        var key = state?.Trim() ?? "";
        var table = string.Equals(countryCode?.Trim(), "CA", StringComparison.OrdinalIgnoreCase) ? CanadianAreaCodes : UsAreaCodes;
        return table.TryGetValue(key, out var codes) ? codes : FallbackAreaCodes;
    }

    public async Task<string> AcquireAsync(ApplicationDbContext db, string? countryCode, string? state, IReadOnlySet<string> reserved, CancellationToken cancellationToken)
    {
        foreach (var areaCode in AreaCodesFor(countryCode, state))
        {
            var prefix = $"+1{areaCode}555";
            // The exchange's numbers as a range on the indexed column (LIKE 'prefix%' cannot use SQLite's index); digits
            // only, so the bound compares the same under any collation.
            var end = $"+1{areaCode}556";
            var taken = (await db.SmsNumbers.AsNoTracking()
                    .Where(n => n.Number != null && string.Compare(n.Number, prefix) >= 0 && string.Compare(n.Number, end) < 0)
                    .Select(n => n.Number!)
                    .ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            taken.UnionWith(reserved);

            // The fictional 555-0100..0199 block first, then the rest of the exchange; random order inside each.
            var fictional = Enumerable.Range(100, 100);
            var rest = Enumerable.Range(200, 9800).Concat(Enumerable.Range(0, 100));
            foreach (var block in new[] { fictional, rest })
            {
                var free = block.Select(line => $"{prefix}{line:0000}").Where(n => !taken.Contains(n)).ToArray();
                if (free.Length > 0)
                {
                    return free[Random.Shared.Next(free.Length)];
                }
            }
        }

        throw new InvalidOperationException($"The simulated carrier has no free number for state '{state}'.");
    }
}
