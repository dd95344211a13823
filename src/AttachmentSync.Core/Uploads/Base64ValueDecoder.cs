using System.Buffers;
using System.Buffers.Text;

namespace AttachmentSync.Core.Uploads;

/// <summary>
/// Decodes the base64 JSON string value of "file" from the body buffer, from after its opening quote to its
/// closing quote. Runs of plain base64 characters are decoded in bulk with <see cref="Base64.DecodeFromUtf8"/>.
/// Escapes, padding and groups of 4 characters that cross a read or an escape go through a carry of up to 4
/// characters. Whitespace is rejected, although <see cref="Base64.DecodeFromUtf8"/> would skip it.
/// </summary>
internal sealed class Base64ValueDecoder
{
    private const int EndOfString = -1;

    private static readonly SearchValues<byte> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8);

    private readonly byte[] _carry = new byte[4];
    private readonly byte[] _pending = new byte[3];
    private int _carryCount;
    private int _pendingStart;
    private int _pendingCount;
    private bool _padding;
    private bool _afterPadding;
    private bool _endOfString;

    /// <summary>True once the closing quote has been read and every decoded byte has been returned.</summary>
    public bool IsComplete => _endOfString && _pendingCount == 0;

    /// <summary>
    /// The number of available bytes needed before <see cref="Decode"/> can make progress, or 0 when it can
    /// continue with what is available.
    /// </summary>
    public int RequiredBytes { get; private set; }

    /// <summary>Decodes what the available bytes allow into <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written; 0 when more input is needed or the value has ended.</returns>
    public int Decode(UploadBodyBuffer body, Span<byte> destination)
    {
        RequiredBytes = 0;
        if (_pendingCount > 0)
        {
            return DrainPending(destination);
        }

        if (_endOfString)
        {
            return 0;
        }

        if (_carryCount == 0 && !_padding && !_afterPadding)
        {
            var written = DecodeRun(body, destination);
            if (written > 0)
            {
                return written;
            }
        }

        return DecodeCharacter(body, destination);
    }

    private static int DecodeRun(UploadBodyBuffer body, Span<byte> destination)
    {
        var input = body.Available;
        var run = input.IndexOfAnyExcept(Alphabet);
        var groups = Math.Min((run < 0 ? input.Length : run) / 4, destination.Length / 3);
        if (groups == 0)
        {
            return 0;
        }

        // The input contains whole groups of alphabet characters only, so the decoder consumes all of it.
        Base64.DecodeFromUtf8(input[..(groups * 4)], destination, out var consumed, out var written,
            isFinalBlock: false);
        body.Advance(consumed);
        return written;
    }

    /// <summary>Reads one character, plain or escaped, and adds it to the carry.</summary>
    private int DecodeCharacter(UploadBodyBuffer body, Span<byte> destination)
    {
        var input = body.Available;
        var offset = body.Offset;
        var length = JsonStringScanner.Measure(input);
        if (length > input.Length)
        {
            RequiredBytes = length;
            return 0;
        }

        var character = input[0] == '"' ? EndOfString : JsonStringScanner.Decode(input[..length]);
        if (character == JsonStringScanner.InvalidEscape)
        {
            throw UploadErrors.NotJson(UploadBodyParser.FileProperty,
                $"the escape '{UploadErrors.Excerpt(input[..length])}' at body offset {offset}",
                "a JSON escape such as \\/ or \\u002B");
        }

        body.Advance(length);
        return character switch
        {
            EndOfString => EndValue(offset),
            '=' => AddPadding(offset, destination),
            < 0x80 when Alphabet.Contains((byte)character) => AddCharacter(character, offset, destination),
            _ => throw UploadErrors.InvalidBase64(Describe(character, length, offset)),
        };
    }

    private int EndValue(long offset)
    {
        if (_carryCount != 0)
        {
            var value = _padding ? "incomplete padding" : $"a last group of {_carryCount} characters";
            throw UploadErrors.InvalidBase64($"{value} before the closing quote at body offset {offset}");
        }

        _endOfString = true;
        return 0;
    }

    private int AddPadding(long offset, Span<byte> destination)
    {
        if (_afterPadding || (!_padding && _carryCount < 2))
        {
            throw UploadErrors.InvalidBase64($"padding '=' at body offset {offset} where no padding is allowed");
        }

        _padding = true;
        return AddToCarry((byte)'=', destination);
    }

    private int AddCharacter(int character, long offset, Span<byte> destination)
    {
        if (_padding || _afterPadding)
        {
            throw UploadErrors.InvalidBase64($"data after padding at body offset {offset}");
        }

        return AddToCarry((byte)character, destination);
    }

    private int AddToCarry(byte character, Span<byte> destination)
    {
        _carry[_carryCount++] = character;
        if (_carryCount < 4)
        {
            return 0;
        }

        var status = Base64.DecodeFromUtf8(_carry, _pending, out _, out var written, isFinalBlock: _padding);
        if (status != OperationStatus.Done)
        {
            // Only a padded group can fail here: its unused bits must be zero (RFC 4648, section 3.5).
            throw UploadErrors.InvalidBase64($"the last group '{UploadErrors.Excerpt(_carry)}' with unused bits set");
        }

        _carryCount = 0;
        _afterPadding = _padding;
        _padding = false;
        _pendingStart = 0;
        _pendingCount = written;
        return DrainPending(destination);
    }

    private int DrainPending(Span<byte> destination)
    {
        var count = Math.Min(_pendingCount, destination.Length);
        _pending.AsSpan(_pendingStart, count).CopyTo(destination);
        _pendingStart += count;
        _pendingCount -= count;
        return count;
    }

    private static string Describe(int character, int length, long offset) =>
        length == 1
            ? $"{UploadErrors.Describe((byte)character)} at body offset {offset}"
            : $"escaped {UploadErrors.DescribeChar((char)character)} at body offset {offset}";
}
