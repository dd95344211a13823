using System.Buffers;

namespace AttachmentSync.Core.Uploads;

/// <summary>
/// Parses the top-level JSON object of an upload body around the "file" value: the members before it, then,
/// once the value has been streamed, the members after it and the end of the body. Nested values are rejected.
/// </summary>
internal sealed class UploadBodyParser(UploadBodyBuffer body, ScalarTokenReader tokens)
{
    public const string FileProperty = "file";

    /// <summary>The maximum number of properties in the object, "file" included.</summary>
    public const int MaxProperties = 32;

    // JSON whitespace (RFC 8259, section 2).
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    private readonly Dictionary<string, JsonUploadValue> _properties = new(StringComparer.Ordinal);
    private bool _fileFound;

    public IReadOnlyDictionary<string, JsonUploadValue> Properties => _properties;

    /// <summary>
    /// Reads up to the opening quote of the "file" value and consumes it. Returns false when the object ends
    /// without a "file" property; the rest of the body has then been checked.
    /// </summary>
    public async ValueTask<bool> ReadToFileAsync(CancellationToken cancellationToken)
    {
        if (!await SkipWhitespaceAsync(cancellationToken))
        {
            var received = body.Offset == 0 ? "an empty body" : "a body of only whitespace";
            throw UploadErrors.Invalid(UploadErrors.Body, received, "a JSON object");
        }

        var first = body.Available[0];
        if (first != '{')
        {
            throw UploadErrors.UnexpectedCharacter(UploadErrors.Body, first, body.Offset, "a JSON object");
        }

        body.Advance(1);
        if (await PeekTokenAsync("a property name or '}'", cancellationToken) == '}')
        {
            body.Advance(1);
            await ReadEndAsync(cancellationToken);
            return false;
        }

        return await ReadMembersAsync(cancellationToken);
    }

    /// <summary>Reads the members after the "file" value, the closing brace and the end of the body.</summary>
    public async ValueTask ReadRestAsync(CancellationToken cancellationToken)
    {
        if (await ReadSeparatorAsync(cancellationToken))
        {
            await ReadMembersAsync(cancellationToken);
        }
    }

    /// <summary>Reads members from a property name on, stopping at the "file" value or at the end.</summary>
    private async ValueTask<bool> ReadMembersAsync(CancellationToken cancellationToken)
    {
        do
        {
            var name = await ReadNameAsync(cancellationToken);
            if (name == FileProperty)
            {
                StartFileValue();
                return true;
            }

            var value = await tokens.ReadValueAsync(name, cancellationToken);
            _properties.Add(name, value);
        }
        while (await ReadSeparatorAsync(cancellationToken));

        return false;
    }

    /// <summary>Reads "name" and the colon after it, and checks the next byte starts a value.</summary>
    private async ValueTask<string> ReadNameAsync(CancellationToken cancellationToken)
    {
        var quote = await PeekTokenAsync("a property name", cancellationToken);
        if (quote != '"')
        {
            throw UploadErrors.UnexpectedCharacter(UploadErrors.Body, quote, body.Offset, "a property name");
        }

        var name = await tokens.ReadNameAsync(cancellationToken);
        if (_properties.ContainsKey(name) || (name == FileProperty && _fileFound))
        {
            throw UploadErrors.Invalid(name, $"a second '{name}' property", "each property at most once");
        }

        if (_properties.Count + (_fileFound ? 1 : 0) + 1 > MaxProperties)
        {
            throw UploadErrors.Invalid(UploadErrors.Body, $"more than {MaxProperties} properties",
                $"at most {MaxProperties} properties");
        }

        var colon = await PeekTokenAsync("':'", cancellationToken);
        if (colon != ':')
        {
            throw UploadErrors.UnexpectedCharacter(UploadErrors.Body, colon, body.Offset, "':'");
        }

        body.Advance(1);
        await PeekTokenAsync($"a value for '{name}'", cancellationToken);
        return name;
    }

    private void StartFileValue()
    {
        var quote = body.Available[0];
        if (quote != '"')
        {
            throw UploadErrors.Invalid(FileProperty, $"{DescribeValue(quote)} at body offset {body.Offset}",
                "a string of base64");
        }

        body.Advance(1);
        _fileFound = true;
    }

    /// <summary>Reads ',' (returns true) or the closing '}' and the end of the body (returns false).</summary>
    private async ValueTask<bool> ReadSeparatorAsync(CancellationToken cancellationToken)
    {
        var separator = await PeekTokenAsync("',' or '}'", cancellationToken);
        if (separator is not ((byte)',' or (byte)'}'))
        {
            throw UploadErrors.UnexpectedCharacter(UploadErrors.Body, separator, body.Offset, "',' or '}'");
        }

        body.Advance(1);
        if (separator == ',')
        {
            return true;
        }

        await ReadEndAsync(cancellationToken);
        return false;
    }

    private async ValueTask ReadEndAsync(CancellationToken cancellationToken)
    {
        if (await SkipWhitespaceAsync(cancellationToken))
        {
            throw UploadErrors.UnexpectedCharacter(UploadErrors.Body, body.Available[0], body.Offset,
                "only whitespace after the closing '}'");
        }
    }

    /// <summary>Skips whitespace and returns the next byte without consuming it.</summary>
    private async ValueTask<byte> PeekTokenAsync(string expected, CancellationToken cancellationToken)
    {
        if (!await SkipWhitespaceAsync(cancellationToken))
        {
            throw UploadErrors.UnexpectedEnd(UploadErrors.Body, body.Offset, expected);
        }

        return body.Available[0];
    }

    /// <summary>Skips whitespace. Returns false when the body ends first.</summary>
    private async ValueTask<bool> SkipWhitespaceAsync(CancellationToken cancellationToken)
    {
        while (!body.Available.IsEmpty || await body.FillAsync(cancellationToken))
        {
            var next = body.Available.IndexOfAnyExcept(Whitespace);
            if (next >= 0)
            {
                body.Advance(next);
                return true;
            }

            body.Advance(body.Available.Length);
        }

        return false;
    }

    private static string DescribeValue(byte first) => first switch
    {
        (byte)'{' => "an object",
        (byte)'[' => "an array",
        (byte)'t' or (byte)'f' => "a boolean",
        (byte)'n' => "null",
        (byte)'-' or (>= (byte)'0' and <= (byte)'9') => "a number",
        _ => UploadErrors.Describe(first),
    };
}
