using System.Net.Http.Headers;
using System.Text;

namespace AttachmentSync.Security.Tests.Hostile;

/// <summary>Short builders for the requests of the hostile cases.</summary>
public static class HostileRequests
{
    public static HttpRequestMessage Send(HttpMethod method, string path, HttpContent? content = null) =>
        new(method, path) { Content = content };

    public static HttpContent Json(string text, string mediaType = "application/json") =>
        Bytes(Encoding.UTF8.GetBytes(text), mediaType);

    public static HttpContent Bytes(byte[] bytes, string? mediaType = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        if (mediaType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        }

        return content;
    }

    public static HttpContent Text(string text, string? mediaType) => Bytes(Encoding.UTF8.GetBytes(text), mediaType);

    /// <summary>A body sent without Content-Length (chunked), so only the reader can enforce a limit.</summary>
    public static HttpContent Chunked(long length, string prefix = "")
    {
        var content = new StreamContent(new FillStream(System.Text.Encoding.UTF8.GetBytes(prefix), length));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    public static string Query(string value) => Uri.EscapeDataString(value);

    /// <summary>Reads <paramref name="prefix"/> and then the letter x until <paramref name="length"/> bytes in all.</summary>
    private sealed class FillStream(byte[] prefix, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, length - _position);
            for (var i = 0; i < read; i++)
            {
                var position = _position + i;
                buffer[offset + i] = position < prefix.Length ? prefix[position] : (byte)'x';
            }

            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
