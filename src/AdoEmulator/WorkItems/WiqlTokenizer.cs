using System.Text;

namespace AdoEmulator.WorkItems;

internal enum WiqlTokenKind
{
    Word,
    Field,
    String,
    Number,
    Variable,
    Symbol,
    End,
}

internal sealed record WiqlToken(WiqlTokenKind Kind, string Text);

/// <summary>Splits WIQL text into words, [field] names, 'strings', numbers, @variables and operators.</summary>
internal static class WiqlTokenizer
{
    public static List<WiqlToken> Tokenize(string text)
    {
        var tokens = new List<WiqlToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    throw new FormatException($"The field name starting at position {i} has no closing ']'.");
                }

                tokens.Add(new WiqlToken(WiqlTokenKind.Field, text[(i + 1)..end]));
                i = end + 1;
            }
            else if (c is '\'' or '"')
            {
                i = ReadString(text, i, tokens);
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new WiqlToken(WiqlTokenKind.Number, text[start..i]));
            }
            else if (c == '@' || char.IsLetter(c))
            {
                var start = i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '.' or '_'))
                {
                    i++;
                }

                var kind = c == '@' ? WiqlTokenKind.Variable : WiqlTokenKind.Word;
                tokens.Add(new WiqlToken(kind, text[start..i]));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                var symbol = two is "<>" or ">=" or "<=" ? two : c.ToString();
                if (symbol.Length == 1 && "=<>(),+-".IndexOf(c, StringComparison.Ordinal) < 0)
                {
                    throw new FormatException($"Unexpected character '{c}' at position {i}.");
                }

                tokens.Add(new WiqlToken(WiqlTokenKind.Symbol, symbol));
                i += symbol.Length;
            }
        }

        tokens.Add(new WiqlToken(WiqlTokenKind.End, ""));
        return tokens;
    }

    private static int ReadString(string text, int start, List<WiqlToken> tokens)
    {
        var quote = text[start];
        var value = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == quote && i + 1 < text.Length && text[i + 1] == quote)
            {
                value.Append(quote);
                i += 2;
            }
            else if (text[i] == quote)
            {
                tokens.Add(new WiqlToken(WiqlTokenKind.String, value.ToString()));
                return i + 1;
            }
            else
            {
                value.Append(text[i++]);
            }
        }

        throw new FormatException($"The string starting at position {start} has no closing quote.");
    }
}
