using System.Globalization;

namespace AdoEmulator.WorkItems;

/// <summary>
/// Parses the flat subset of WIQL: <c>SELECT [fields] FROM WorkItems [WHERE …] [ORDER BY [field] [ASC|DESC], …]</c>.
/// Conditions combine <c>[field] op value</c> (=, &lt;&gt;, &gt;, &lt;, &gt;=, &lt;=, IN, NOT IN) with AND, OR, NOT and
/// parentheses. Values are 'strings', numbers, @project, @me and @today[±days]. Throws FormatException on anything else.
/// </summary>
internal sealed class WiqlParser(string projectName, string userValue, DateTimeOffset now)
{
    private List<WiqlToken> _tokens = [];
    private int _position;

    public WiqlQuery Parse(string text)
    {
        _tokens = WiqlTokenizer.Tokenize(text);
        _position = 0;
        Expect("SELECT");
        var columns = new List<string> { ReadField() };
        while (TryTake(","))
        {
            columns.Add(ReadField());
        }

        Expect("FROM");
        var source = Take();
        if (!source.Text.Equals("WorkItems", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"Only FROM WorkItems is supported, got FROM {source.Text}.");
        }

        Func<WorkItemSnapshot, bool> filter = _ => true;
        if (TryTake("WHERE"))
        {
            filter = ParseOr();
        }

        var order = new List<(string, bool)>();
        if (TryTake("ORDER"))
        {
            Expect("BY");
            do
            {
                var field = ReadField();
                var descending = TryTake("DESC");
                _ = !descending && TryTake("ASC");
                order.Add((field, descending));
            }
            while (TryTake(","));
        }

        if (Peek().Kind != WiqlTokenKind.End)
        {
            throw new FormatException($"Unexpected '{Peek().Text}' after the end of the query.");
        }

        return new WiqlQuery(columns, filter, order);
    }

    private Func<WorkItemSnapshot, bool> ParseOr()
    {
        var left = ParseAnd();
        while (TryTake("OR"))
        {
            var (a, b) = (left, ParseAnd());
            left = item => a(item) || b(item);
        }

        return left;
    }

    private Func<WorkItemSnapshot, bool> ParseAnd()
    {
        var left = ParseFactor();
        while (TryTake("AND"))
        {
            var (a, b) = (left, ParseFactor());
            left = item => a(item) && b(item);
        }

        return left;
    }

    private Func<WorkItemSnapshot, bool> ParseFactor()
    {
        if (TryTake("NOT"))
        {
            var inner = ParseFactor();
            return item => !inner(item);
        }

        if (TryTake("("))
        {
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        var field = ReadField();
        if (TryTake("NOT"))
        {
            Expect("IN");
            var excluded = ReadList();
            return item => !excluded.Any(v => WiqlComparer.Compare(item, field, v) == 0);
        }

        if (TryTake("IN"))
        {
            var values = ReadList();
            return item => values.Any(v => WiqlComparer.Compare(item, field, v) == 0);
        }

        var op = Take();
        var value = ReadValue();
        return op.Text switch
        {
            "=" => item => WiqlComparer.Compare(item, field, value) == 0,
            "<>" => item => WiqlComparer.Compare(item, field, value) != 0,
            ">" => item => WiqlComparer.Compare(item, field, value) > 0,
            "<" => item => WiqlComparer.Compare(item, field, value) < 0,
            ">=" => item => WiqlComparer.Compare(item, field, value) >= 0,
            "<=" => item => WiqlComparer.Compare(item, field, value) <= 0,
            _ => throw new FormatException($"The operator '{op.Text}' is not supported. Use =, <>, >, <, >=, <= or IN."),
        };
    }

    private List<string> ReadList()
    {
        Expect("(");
        var values = new List<string> { ReadValue() };
        while (TryTake(","))
        {
            values.Add(ReadValue());
        }

        Expect(")");
        return values;
    }

    private string ReadValue()
    {
        var token = Take();
        switch (token.Kind)
        {
            case WiqlTokenKind.String or WiqlTokenKind.Number:
                return token.Text;
            case WiqlTokenKind.Variable when token.Text.Equals("@project", StringComparison.OrdinalIgnoreCase):
                return projectName;
            case WiqlTokenKind.Variable when token.Text.Equals("@me", StringComparison.OrdinalIgnoreCase):
                return userValue;
            case WiqlTokenKind.Variable when token.Text.Equals("@today", StringComparison.OrdinalIgnoreCase):
                var days = 0;
                if (Peek().Text is "+" or "-")
                {
                    var sign = Take().Text == "-" ? -1 : 1;
                    days = sign * int.Parse(Take().Text, CultureInfo.InvariantCulture);
                }

                return now.UtcDateTime.Date.AddDays(days).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            default:
                throw new FormatException($"Expected a value ('text', a number or a macro), got '{token.Text}'.");
        }
    }

    private string ReadField()
    {
        var token = Take();
        if (token.Kind is not (WiqlTokenKind.Field or WiqlTokenKind.Word))
        {
            throw new FormatException($"Expected a field name such as [System.Id], got '{token.Text}'.");
        }

        return WiqlComparer.ReferenceName(token.Text);
    }

    private WiqlToken Peek() => _tokens[_position];

    private WiqlToken Take() => _tokens[Math.Min(_position++, _tokens.Count - 1)];

    private bool TryTake(string text)
    {
        if (Peek().Kind is WiqlTokenKind.Word or WiqlTokenKind.Symbol && Peek().Text.Equals(text, StringComparison.OrdinalIgnoreCase))
        {
            _position++;
            return true;
        }

        return false;
    }

    private bool Expect(string text) =>
        TryTake(text) ? true : throw new FormatException($"Expected '{text}', got '{Peek().Text}'.");
}
