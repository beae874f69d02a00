using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerPortal.Domain.Delivery;

/// <summary>What a reply that is not a keyword means for consent.</summary>
public enum OptOutIntentKind
{
    /// <summary>An ordinary reply.</summary>
    None,

    /// <summary>Might mean "stop" (another channel, "not interested", "wrong number"): staff decide in the Opt-out review.</summary>
    Review,

    /// <summary>Clearly asks to stop texts: opted out as STOP is.</summary>
    OptOut,
}

/// <summary>The decision and the rule of <see cref="OptOutIntent"/> that made it (kept on the opt-out or review row).</summary>
public sealed record OptOutIntentMatch(OptOutIntentKind Kind, string? Rule)
{
    public static readonly OptOutIntentMatch None = new(OptOutIntentKind.None, null);
}

/// <summary>
/// Consent revoked "by any reasonable means" (DESIGN §4): a reviewed phrase and pattern table reads a reply (English, Spanish) as
/// a clear stop request, a possible one, or ordinary; each decision names its rule (no network, no model). The text is folded
/// first (case, accents, apostrophes, punctuation, emoji; a letter repeated 3+ times counts once; common misspellings mapped), so
/// "Plz STOOOP txting me!!! 😡" reads "please stop text me". Change a rule only with the tests' labelled set (OptOutIntentSet.tsv).
/// </summary>
public static partial class OptOutIntent
{
    // A whole sentence of these (with courtesy words) is a command: "Stop please", "ALTO!!", "unsubscribe me now".
    private static readonly HashSet<string> Commands =
    [
        "stop", "unsubscribe", "optout", "revoke", "stopall", "alto", "parar", "pare", "paren", "basta", "detener", "detengan", "baja",
        "unenroll", "unenrol",
    ];

    private static readonly HashSet<string> WeakCommands = ["cancel", "end", "quit", "cancelar", "cancelen"];

    private static readonly HashSet<string> Courtesy =
    [
        "please", "now", "it", "ok", "okay", "just", "thanks", "thank", "you", "thx", "ty", "all", "already", "again", "seriously",
        "immediately", "asap", "me", "right", "ya", "gracias", "favor", "por", "ahora", "mismo", "ahorita", "yo", "de", "everything", "this",
        "that", "these", "those", "them", "texts", "text", "msg", "mensaje", "sir", "maam", "mam", "senor", "senora", "hi", "hello", "hola",
        "pues", "si", "yes", "dear",
    ];

    // Words after "stop" that make it an ordinary word ("stop by at 3", "stop taking the pills").
    private static readonly HashSet<string> StopFollowers =
    [
        "by", "in", "at", "over", "for", "on", "off", "taking", "eating", "drinking", "using", "smoking", "bleeding", "coughing", "hurting",
        "working", "and", "to", "there", "here", "sign", "light", "the", "my", "when", "if", "before", "after", "worrying", "hurt", "en",
    ];

    private static readonly HashSet<string> StopLeaders =
    [
        "cant", "cannot", "wont", "dont", "dnt", "bus", "last", "next", "quick", "a", "non", "to", "first", "one", "didnt", "doesnt",
        "couldnt", "never", "will", "would", "should", "could", "gonna", "can", "i", "we", "may", "might", "must", "pit", "truck",
    ];

    // A request that keeps part of the texts ("stop the reminders for my son, keep mine"), or a reply that also confirms
    // ("Stop! I'm on my way lol"), is for staff to read: Review instead of an opt-out.
    private static readonly Regex Mixed = P(@"\bkeep (mine|me|texting|sending|the|my|those|these)\b|\bbut i (still )?(want|like|need)\b|\bfor my (son|daughter|wife|husband|mom|dad|mother|father|kid|kids|child|children) only\b|\b(on my way|omw|be there|see you|lol|haha|running late)\b");

    /// <summary>Reads one reply; keywords (STOP, START, HELP …) are <see cref="InboundKeywords"/>' and are checked first.</summary>
    public static OptOutIntentMatch Classify(string? text)
    {
        try
        {
            var match = ClassifyFolded(text);
            return match.Kind == OptOutIntentKind.OptOut && Mixed.IsMatch(ReplyFolding.Fold(text!).All)
                ? new OptOutIntentMatch(OptOutIntentKind.Review, $"{match.Rule}, with another request")
                : match;
        }
        catch (RegexMatchTimeoutException)
        {
            // The patterns are linear on short texts; a timeout means a starved machine. Never opt out on a guess, never drop the reply.
            return new OptOutIntentMatch(OptOutIntentKind.Review, "not read in time: staff decide");
        }
    }

    private static OptOutIntentMatch ClassifyFolded(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return OptOutIntentMatch.None;
        }

        var folded = ReplyFolding.Fold(text);
        var sentences = folded.Sentences;
        var all = folded.All;
        if (all.Length == 0)
        {
            return folded.StopEmoji ? new OptOutIntentMatch(OptOutIntentKind.Review, "stop sign emoji") : OptOutIntentMatch.None;
        }

        // Clear intent: the phrases first (their rule says more), then whole-sentence commands ("Stop please", "ALTO!!").
        foreach (var (pattern, rule) in ClearPatterns)
        {
            if (pattern.IsMatch(all))
            {
                return Clear(rule);
            }
        }

        foreach (var sentence in sentences)
        {
            var tokens = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length is > 0 and <= 6 && tokens.Any(Commands.Contains) && tokens.All(t => Commands.Contains(t) || Courtesy.Contains(t)))
            {
                return Clear($"command \"{string.Join(' ', tokens.Where(Commands.Contains).Distinct())}\"");
            }

            // CANCEL, END, QUIT are keywords alone; with more words they may be about an appointment ("cancel it").
            if (tokens.Length is > 0 and <= 4 && tokens.Any(WeakCommands.Contains)
                && tokens.All(t => WeakCommands.Contains(t) || t is "please" or "now" or "thanks" or "thank" or "you" or "por" or "favor" or "gracias" or "ya"))
            {
                return Clear($"command \"{string.Join(' ', tokens.Where(WeakCommands.Contains).Distinct())}\"");
            }

            if (sentence is "ya no" || (tokens.Length >= 2 && tokens[0] is "no" or "ya" or "enough" && tokens.Skip(1).SkipWhile(t => t == "no").FirstOrDefault() is "mas" or "more"
                && tokens.SkipWhile(t => t is "no" or "ya" or "enough").Skip(1).All(Courtesy.Contains)))
            {
                return Clear($"command \"{sentence}\"");
            }
        }

        foreach (var (pattern, rule) in ReviewPatterns)
        {
            if (pattern.IsMatch(all))
            {
                return new OptOutIntentMatch(OptOutIntentKind.Review, rule);
            }
        }

        // "stop" used as a command inside a longer reply ("stop, I moved to Texas"; "stop calling"): staff decide.
        foreach (var sentence in sentences)
        {
            var tokens = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < tokens.Length; i++)
            {
                if (tokens[i] is not ("stop" or "parar" or "paren" or "quit"))
                {
                    continue;
                }

                var before = i > 0 ? tokens[i - 1] : null;
                var after = i + 1 < tokens.Length ? tokens[i + 1] : null;
                var ordinary = (after is not null && StopFollowers.Contains(after)) || (before is not null && StopLeaders.Contains(before))
                    || (tokens[i] is "quit" && i > 0);
                if (!ordinary && (i == 0 || before is "please" or "just" or "ok" or "okay" or "so" or "now" or "pls"))
                {
                    return new OptOutIntentMatch(OptOutIntentKind.Review, $"\"{tokens[i]}\" in a longer reply");
                }
            }
        }

        return folded.StopEmoji ? new OptOutIntentMatch(OptOutIntentKind.Review, "stop sign emoji") : OptOutIntentMatch.None;
    }

    private static OptOutIntentMatch Clear(string rule) => new(OptOutIntentKind.OptOut, rule);

    private static readonly (Regex Pattern, string Rule)[] ClearPatterns =
    [
        (P(@"\bunsubscribe\b"), "\"unsubscribe\""),
        (P(@"\bopt ?(me )?out\b|\boptout\b"), "\"opt out\""),
        (P(@"(?<!\b(dont|do not|never|not|ill|i will|we will|i can|i ll|im going to|im gonna) )\b(stop|quit|cease|discontinue|end|cancel|halt|pause)\b( \w+){0,3} (text|msg|reminder|contacting|contact|spamming|bothering|harassing|pestering|sending)\b"),
            "\"stop\" + texts"),
        (P(@"(?<!\b(dont|do not|never|not) )\bstop (it )?(with )?(the|these|those|your|all|all the|ur) (text|msg|reminder)"), "\"stop\" + texts"),
        (P(@"\b(dont|do not|never|no longer) (ever )?(\w+ )?(text|msg|contact|sms)( me| us| this number| my number| my phone| again| anymore| ever)"),
            "\"don't text me\""),
        (P(@"\b(dont|do not|never) (ever )?send (me |us |this number |to this number |any |more |these |this |those |your |the |ur |anymore |no )*(text|msg|reminder|sms)"),
            "\"don't send me texts\""),
        (P(@"\b(dont|do not|no longer|never|not) (really )?(want|care) (to )?((receive|be sent|see) )?((any|these|this|your|those|the|more|ur|such|them|of|further|anymore|no|future) )*(text|msg|sms|reminder)"),
            "\"don't want texts\""),
        (P(@"\b(dont|do not|no longer) (want|care) (to )?(receive |being )(text|msg|contact|contacted|texted|bothered|on)"), "\"don't want to be texted\""),
        (P(@"\bno (more|further) (text|msg|sms|reminder|contact)"), "\"no more texts\""),
        (P(@"^(no|zero) (text|msg|sms|reminder)( msg)?( please| anymore| thanks| thank you)*$"), "\"no texts\""),
        (P(@"\bremove (me|my number|this number|my phone|my name|my info|my cell)\b"), "\"remove me\""),
        (P(@"\b(take|drop|scratch|cross) (me|my number|this number|my name) (off|from)\b(?! (the |your |ur )?(wait ?list|waiting list|schedule|appointment|cancellation list))"), "\"take me off\""),
        (P(@"\b(i said|i told you|told you to|i asked you to|i already said) (to )?stop\b"), "\"I said stop\""),
        (P(@"\b(off|from) (your|the|this|ur|all) (\w+ ){0,2}(?<!wait |waiting )list\b"), "\"off your list\""),
        (P(@"\bleave me (alone|be)\b"), "\"leave me alone\""),
        (P(@"\b(stop|no) (contacting|texting|messaging|spamming|bothering) (me|us)\b"), "\"stop contacting me\""),
        (P(@"\btext(s)? (need to|must|have to|should) stop\b|\b(text|msg)( \w+){0,2} (stop|end)( now| please| immediately)?$"), "\"texts must stop\""),
        (P(@"\b(de|darme|darse|doy|me doy) (de )?baja\b"), "\"dar de baja\""),
        (P(@"\bno (me )?(\w+ )?envien( (mas|nada|ningun|mensaje|text|msg|sms|por favor|please)\b|$)"), "\"no me envien\""),
        (P(@"\b(cut it out|enough|done|sick|tired|fed up) (with|of) (the |these |your |all |those |ur |getting |receive )*(text|msg|reminder)"), "\"done with these texts\""),
        (P(@"\b(ya )?no (quiero|deseo|necesito|quisiera)( \w+){0,3} (mensaje|text|msg)"), "\"no quiero mensajes\""),
        (P(@"\b(deja|dejen|deje|dejar|dejes|dejan) de (envien|enviarme|mandarme|escribirme|contactarme|molestarme|textearme|enviar\w*|mandar\w*|escribir\w*|contactar\w*|molestar\w*)"),
            "\"dejen de enviar\""),
        (P(@"\b(borr|quit|sac|elimin|remuev)\w* (me |mi numero |mi telefono )?de (la |su |sus |esta |tu )?lista"), "\"quitenme de la lista\""),
        (P(@"\b(borrenme|quitenme|saquenme|eliminenme|borrame|quitame|sacame|eliminame)\b"), "\"quitenme\""),
        (P(@"\bno mas (mensaje|text|msg|sms)"), "\"no mas mensajes\""),
        (P(@"\b(parar|pare|paren|alto|basta|detener|detengan|cancelar|cancelen|cancela|suspendan|suspender)( \w+){0,3} (mensaje|msg|text|sms)"),
            "\"paren los mensajes\""),
        (P(@"^(stop|alto|basta) (now )?(i |we |this |im |i am |no |you |please |you re |ur )"), "\"stop\" first, then a reason"),
    ];

    private static readonly (Regex Pattern, string Rule)[] ReviewPatterns =
    [
        (P(@"\b(stop|quit|dont|do not|no more|never|no|dejen de|deja de|deje de) (\w+ ){0,2}(call|calling|calls|email|emailing|emails|voicemail|voicemails|letters|mail|mailing|phone calls|llamar|llamen|llamando|llamadas)\b"),
            "another channel (calls, email)"),
        (P(@"\bnot interested\b|\bno interest\b|\bno (estoy |estamos )?interesad[oa]s?\b|\bno me interesa\b|\bnot intrested\b|\bnot intersted\b"), "\"not interested\""),
        (P(@"^no thank(s| you)?( \w+)?$|^no gracias$"), "\"no thanks\""),
        (P(@"\bwrong (number|person|num|no|guy|lady|phone|patient|contact|#)\b|\bwrong$"), "\"wrong number\""),
        (P(@"\b(numero|persona) equivocad[oa]\b|\bse equivoc\w*\b|\bequivocad[oa]s?\b|\bno soy (su |el |la )?(paciente|esa persona|\w+)\b$"), "\"numero equivocado\""),
        (P(@"\b(not|never) (been )?(a |your |ur |their )patient\b|\bnot my (number|doctor|phone)\b|\bno (soy|es) (su |mi )?paciente\b|\bnunca (he sido|fui) paciente\b"),
            "\"not a patient\""),
        (P(@"\byou have the wrong\b|\bdont know (you|any|anyone|this|who you are)\b|\bno (lo|la|los|las) conozco\b|\bno conozco\b"), "\"don't know you\""),
        (P(@"\b(spam|scam|spammer|scammer|harassment|unsolicited|report (you|this)|reporting (you|this)|fraud|estafa)\b"), "\"spam\""),
        (P(@"\bwho gave you (my|this) (number|phone|cell)\b|\bdo not disturb\b|\bwhy do i keep (receive|getting)\b"), "\"who gave you my number\""),
        (P(@"\bhow did you (receive|find) (my|this) (number|phone|cell)\b|\bcomo (obtuvieron|consiguieron|tienen) (mi|este) numero\b"), "\"how did you get my number\""),
        (P(@"\bno longer (a patient|go|see|your|with|use|going|live)\b|\b(changed|switched|found (a )?(new|another)) (doctor|doctors|provider|providers|practice|dentist)\b|\bmoved (away|out of state|to another)\b|\bya no (soy|voy|vivo)\b|\bcambie de (doctor|medico|clinica)\b"),
            "\"no longer a patient\""),
        (P(@"\b(passed away|deceased|died|has died|fallecio|murio|difunto|difunta)\b"), "\"passed away\""),
        (P(@"\btoo many (text|msg|reminder)|\bdemasiados (mensaje|text)"), "\"too many texts\""),
        (P(@"^(enough|enough already|ya basta de esto)$|\benough is enough\b"), "\"enough\""),
        (P(@"\b(never|didnt|did not|dont remember) (sign|signed|signing) up\b|\bnever (agreed|consented|opted in)\b|\bno me (inscribi|registre)\b"), "\"never signed up\""),
        (P(@"\b(why do you keep|why are you|quit) (text|msg|sending|contact)"), "\"why do you keep texting\""),
    ];

    private static Regex P(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(2));
}
