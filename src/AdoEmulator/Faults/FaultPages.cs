namespace AdoEmulator.Faults;

/// <summary>HTML bodies of the BadGatewayHtml and SignInPage faults.</summary>
internal static class FaultPages
{
    public const string BadGateway =
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n" +
        "<body><h1>Bad Gateway</h1><p>The server received an invalid response from an upstream server.</p></body></html>\n";

    public const string SignIn =
        "<!DOCTYPE html>\n<html><head><title>Sign in to your account</title></head>\n" +
        "<body><form method=\"post\" action=\"/_signin\"><h1>Sign in</h1>" +
        "<input type=\"email\" name=\"loginfmt\" placeholder=\"Email, phone, or Skype\"/>" +
        "<input type=\"submit\" value=\"Next\"/></form></body></html>\n";
}
