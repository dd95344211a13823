using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AttachmentSync.Core.Uploads;

/// <summary>
/// Reads one property name or scalar value from the body. The reader collects the raw token (at most
/// <see cref="MaxTokenBytes"/> bytes) and lets <see cref="Utf8JsonReader"/> validate and unescape it, which rejects
/// invalid escapes, lone surrogates, raw control characters and invalid UTF-8.
/// </summary>
internal sealed class ScalarTokenReader(UploadBodyBuffer body) : IDisposable
{
    /// <summary>The maximum length of a name or scalar value as written in the body, escapes included.</summary>
    public const int MaxTokenBytes = 64 * 1024;

    private const string ScalarExpected = "a string, a number, true, false or null";

    // Bytes that can appear in a number or literal; the token ends at the first other byte.
    private static readonly SearchValues<byte> BareTokenBytes =
        SearchValues.Create("0123456789+-.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"u8);

    private byte[] _token = ArrayPool<byte>.Shared.Rent(MaxTokenBytes + 2);

    /// <summary>Reads a property name; the first available byte is its opening quote.</summary>
    public async ValueTask<string> ReadNameAsync(CancellationToken cancellationToken)
    {
        var length = await CollectStringAsync(UploadErrors.Body, cancellationToken);
        return DecodeString(UploadErrors.Body, length);
    }

    /// <summary>Reads the scalar value of <paramref name="name"/>; the first available byte starts it.</summary>
    public async ValueTask<JsonUploadValue> ReadValueAsync(string name, CancellationToken cancellationToken)
    {
        var first = body.Available[0];
        if (first == '"')
        {
            var length = await CollectStringAsync(name, cancellationToken);
            return new JsonUploadValue(JsonValueKind.String, DecodeString(name, length));
        }

        if (first is (byte)'{' or (byte)'[')
        {
            var kind = first == '{' ? "an object" : "an array";
            throw UploadErrors.Invalid(name, $"{kind} at body offset {body.Offset}", ScalarExpected);
        }

        if (!BareTokenBytes.Contains(first))
        {
            throw UploadErrors.UnexpectedCharacter(name, first, body.Offset, ScalarExpected);
        }

        var bareLength = await CollectBareAsync(name, cancellationToken);
        return DecodeBare(name, bareLength);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_token);
        _token = [];
    }

    private async ValueTask<int> CollectStringAsync(string field, CancellationToken cancellationToken)
    {
        var length = 0;
        var escaped = false;
        var opening = true;
        while (true)
        {
            if (body.Available.IsEmpty && !await body.FillAsync(cancellationToken))
            {
                throw UploadErrors.UnexpectedEnd(field, body.Offset, "the closing '\"' of the string");
            }

            var closing = JsonStringScanner.FindClosingQuote(body.Available, opening, ref escaped);
            var take = closing < 0 ? body.Available.Length : closing + 1;
            if (length + take > MaxTokenBytes + 2)
            {
                throw UploadErrors.Invalid(field, $"a string longer than {MaxTokenBytes} bytes",
                    $"at most {MaxTokenBytes} bytes");
            }

            body.Available[..take].CopyTo(_token.AsSpan(length));
            body.Advance(take);
            length += take;
            opening = false;
            if (closing >= 0)
            {
                return length;
            }
        }
    }

    private async ValueTask<int> CollectBareAsync(string field, CancellationToken cancellationToken)
    {
        var length = 0;
        while (!body.Available.IsEmpty || await body.FillAsync(cancellationToken))
        {
            var end = body.Available.IndexOfAnyExcept(BareTokenBytes);
            var take = end < 0 ? body.Available.Length : end;
            if (length + take > MaxTokenBytes)
            {
                throw UploadErrors.Invalid(field, $"a value longer than {MaxTokenBytes} bytes",
                    $"at most {MaxTokenBytes} bytes");
            }

            body.Available[..take].CopyTo(_token.AsSpan(length));
            body.Advance(take);
            length += take;
            if (end >= 0)
            {
                break;
            }
        }

        return length;
    }

    private string DecodeString(string field, int length)
    {
        var token = _token.AsSpan(0, length);
        try
        {
            var reader = new Utf8JsonReader(token);
            reader.Read();
            return reader.GetString()!;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new UploadFormatException(field, ProblemFor(field), DescribeToken(token),
                "a string of valid UTF-8 with valid escapes and no raw control characters", exception);
        }
    }

    private JsonUploadValue DecodeBare(string field, int length)
    {
        var token = _token.AsSpan(0, length);
        var reader = new Utf8JsonReader(token);
        try
        {
            reader.Read();
        }
        catch (JsonException exception)
        {
            throw new UploadFormatException(field, ProblemFor(field), DescribeToken(token), ScalarExpected, exception);
        }

        if (reader.BytesConsumed != length)
        {
            throw new UploadFormatException(field, ProblemFor(field), DescribeToken(token), ScalarExpected);
        }

        return reader.TokenType switch
        {
            JsonTokenType.Number => new JsonUploadValue(JsonValueKind.Number, Encoding.UTF8.GetString(token)),
            JsonTokenType.True => new JsonUploadValue(JsonValueKind.True, null),
            JsonTokenType.False => new JsonUploadValue(JsonValueKind.False, null),
            _ => new JsonUploadValue(JsonValueKind.Null, null),
        };
    }

    /// <summary>Describes the token that ends just before the current body offset.</summary>
    private string DescribeToken(ReadOnlySpan<byte> token) =>
        $"{UploadErrors.Excerpt(token)} at body offset {body.Offset - token.Length}";

    private static string ProblemFor(string field) =>
        field == UploadErrors.Body ? "A property name is not valid JSON" : $"Property '{field}' is not valid JSON";
}
