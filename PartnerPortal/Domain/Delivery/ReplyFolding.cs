using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerPortal.Domain.Delivery;

/// <summary>
/// A reply as <see cref="OptOutIntent"/> reads it: lower case, accents, apostrophes, punctuation and emoji removed, letters
/// repeated three times or more counted once, and common misspellings mapped to one word ("Plz STOOOP txting" → "please stop text").
/// </summary>
internal static class ReplyFolding
{
    // Misspellings and forms folded to one word, so the rules of OptOutIntent stay readable.
    private static readonly Dictionary<string, string> Words = Build(new Dictionary<string, string[]>
    {
        ["stop"] = ["stop", "stopp", "sotp", "stpo", "stahp", "stp", "stops", "stopit"],
        ["text"] = ["text", "texts", "txt", "txts", "tex", "texting", "txting", "textin", "texing", "textng", "txtin", "txtng", "textes",
            "texted", "textmessages", "textmessage", "tetx", "tetxs"],
        ["msg"] = ["msg", "msgs", "message", "messages", "messaging", "mesage", "mesages", "messges", "messeges", "messags", "massages",
            "massage", "mesagges", "messsages", "sms", "smss", "messaged", "msging", "msgn", "messagin", "msging"],
        ["unsubscribe"] = ["unsubscribe", "unsubscibe", "unsubcribe", "unsuscribe", "unsubscrib", "unsubsribe", "unsubscribed", "unsub",
            "unsuscribe", "unsubscribeme", "unsubscrive", "unsubscibe", "unsusbscribe", "unsubscrbe", "desuscribir", "desuscribirme", "desuscribanme"],
        ["please"] = ["please", "pls", "plz", "plse", "plese", "pleas", "pleaze", "plez", "pleae", "porfa", "porfavor", "xfa"],
        ["remove"] = ["remove", "rmv", "remov", "remve", "removed", "delete", "erase"],
        ["dont"] = ["dont", "dnt", "donot"],
        ["want"] = ["want", "wnt", "wan", "wanna", "wish", "need", "like"],
        ["receive"] = ["receive", "recieve", "recive", "receiving", "recieving", "reciving", "get", "getting", "gettin", "be", "have"],
        ["reminder"] = ["reminder", "reminders", "notification", "notifications", "alert", "alerts", "notices", "notice", "promos", "promotions"],
        ["mensaje"] = ["mensaje", "mensajes", "mensages", "mensjes", "msj", "msjs", "textos", "texto", "recordatorio", "recordatorios", "notificaciones", "sms"],
        ["envien"] = ["envien", "envie", "envies", "manden", "mande", "mandes", "escriban", "escriba", "escribas",
            "contacten", "contacte", "contactes", "molesten", "moleste", "molestes", "textees", "texteen"],
        ["mas"] = ["mas", "mass"],
    });

    public sealed record Folded(string All, IReadOnlyList<string> Sentences, bool StopEmoji);

    /// <summary>Lower case without accents, apostrophes or symbols; sentences split at . ! ? ; , and line breaks; words folded.</summary>
    public static Folded Fold(string text)
    {
        var stopEmoji = text.Contains("🛑", StringComparison.Ordinal) || text.Contains('✋') || text.Contains("🚫", StringComparison.Ordinal) || text.Contains('⛔');
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var sentences = new List<string>();
        var sentence = new StringBuilder();
        char last = '\0';
        var repeat = 0;

        void EndSentence()
        {
            var folded = FoldWords(sentence.ToString());
            if (folded.Length > 0)
            {
                sentences.Add(folded);
            }

            sentence.Clear();
        }

        foreach (var raw in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark || raw is '\'' or '’' or '‘' or '`' or '´')
            {
                continue;
            }

            var c = char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c))
            {
                repeat = c == last ? repeat + 1 : 1;
                last = c;
                if (repeat >= 3)
                {
                    continue; // "stooop", "pleeease": two of the letter are kept, a third and more dropped
                }

                sentence.Append(c);
            }
            else
            {
                last = '\0';
                repeat = 0;
                if (c is '.' or '!' or '?' or ';' or ',' or '\n' or '\r' or '¡' or '¿' or ':' or '(' or ')')
                {
                    EndSentence();
                }
                else
                {
                    sentence.Append(' ');
                }
            }
        }

        EndSentence();
        foreach (var s in sentences)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(s);
        }

        return new Folded(builder.ToString(), sentences, stopEmoji);
    }

    private static string FoldWords(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (Words.TryGetValue(word, out var folded))
            {
                words[i] = folded;
            }
            else if (word.Length > 4 && Words.TryGetValue(Squeeze(word), out folded))
            {
                words[i] = folded; // "stoop", "pleease", "textts": doubled letters squeezed
            }
        }

        return string.Join(' ', words);
    }

    private static string Squeeze(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (builder.Length == 0 || builder[^1] != c)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static Dictionary<string, string> Build(Dictionary<string, string[]> table)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (word, forms) in table)
        {
            foreach (var form in forms)
            {
                map.TryAdd(form, word);
            }
        }

        return map;
    }
}
