using PartnerPortal.Domain.SecureText;
using PartnerPortal.Infrastructure.Email;

namespace PartnerPortal.Tests.Infrastructure.Email;

public sealed class PickupDirectoryNoticeEmailSenderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"partnerportal-mail-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task SendAsync_WritesOneEmlFileWithRecipientSubjectAndBody()
    {
        var sender = new PickupDirectoryNoticeEmailSender(_directory, "no-reply@portal.test");

        await sender.SendAsync(new NoticeEmail("jordan@example.com", "New secure message from Riverside", "Open https://portal.example/s/abc"),
            CancellationToken.None);

        var file = Directory.GetFiles(_directory, "*.eml").Should().ContainSingle().Subject;
        var text = await File.ReadAllTextAsync(file);
        text.Should().Contain("To: jordan@example.com").And.Contain("From: no-reply@portal.test")
            .And.Contain("Subject: New secure message from Riverside").And.Contain("https://portal.example/s/abc");
    }

    [Fact]
    public async Task SendAsync_NewFolder_ReadableByTheAppsUserOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await new PickupDirectoryNoticeEmailSender(_directory, "no-reply@portal.test")
            .SendAsync(new NoticeEmail("jordan@example.com", "Subject", "Open https://portal.example/s/abc"), CancellationToken.None);

        File.GetUnixFileMode(_directory).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            "the e-mails hold live links");
    }
}
