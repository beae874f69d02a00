using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Inbox;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Inbox;

/// <summary>Read and unread changes of an Inbox thread are audited with the change: once per change, by who made it.</summary>
public sealed class InboxReadAuditTests : IDisposable
{
    private readonly InboxHarness _h = new();

    public void Dispose() => _h.Dispose();

    private List<AuditEntry> ReadEntries()
    {
        using var db = _h.Db();
        return db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == InboxReadState.ReadAction || e.Action == InboxReadState.UnreadAction)
            .OrderBy(e => e.Id).ToList();
    }

    private static FieldChange OnlyChange(AuditEntry entry) =>
        JsonSerializer.Deserialize<List<FieldChange>>(entry.ChangesJson!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!.Single();

    private async Task<InboxThread> UnreadThreadAsync()
    {
        await _h.SendAsync(_h.Default);
        await _h.ReceiveAsync("Can I come at 10 instead?");
        await _h.ReceiveAsync("Or 11?");
        return _h.Threads().Single();
    }

    [Fact]
    public async Task MarkAsync_ReadThenUnread_EachAuditedWithTheUnreadCount()
    {
        var thread = await UnreadThreadAsync();

        (await _h.Inbox.MarkAsync(thread.Id, read: true, CancellationToken.None)).Succeeded.Should().BeTrue();
        (await _h.Inbox.MarkAsync(thread.Id, read: false, CancellationToken.None)).Succeeded.Should().BeTrue();

        var entries = ReadEntries();
        entries.Select(e => (e.Action, e.Summary)).Should().Equal(
            (InboxReadState.ReadAction, $"Conversation #{thread.Id} marked read"),
            (InboxReadState.UnreadAction, $"Conversation #{thread.Id} marked unread"));
        entries.Should().OnlyContain(e => e.ActorId == $"staff-{_h.Account.Id}" && e.AccountId == _h.Account.Id
            && e.PartnerId == _h.Partner.Id && e.EntityId == thread.Id.ToString());
        OnlyChange(entries[0]).Should().Be(new FieldChange("Unread", "2", "0"));
        OnlyChange(entries[1]).Should().Be(new FieldChange("Unread", "0", "1"));
        _h.Threads().Single().IsUnread.Should().BeTrue();
        using var db = _h.Db();
        (await AuditLog.VerifyAsync(db, CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task MarkAsync_ToTheStateItIsIn_ChangesAndAuditsNothing()
    {
        var thread = await UnreadThreadAsync();
        await _h.Inbox.MarkAsync(thread.Id, read: true, CancellationToken.None);

        (await _h.Inbox.MarkAsync(thread.Id, read: true, CancellationToken.None)).Succeeded.Should().BeTrue();

        ReadEntries().Should().ContainSingle();
    }

    [Fact]
    public async Task OpenAsync_UnreadThread_AuditedAsReadOnce()
    {
        var thread = await UnreadThreadAsync();

        await _h.Inbox.OpenAsync(thread.Id, CancellationToken.None);
        await _h.Inbox.OpenAsync(thread.Id, CancellationToken.None);

        ReadEntries().Should().ContainSingle().Which.Summary.Should().Be($"Conversation #{thread.Id} read (opened)");
        _h.Threads().Single().UnreadCount.Should().Be(0);
    }

    [Fact]
    public async Task ReplyAsync_ToUnreadThread_AuditedAsRead()
    {
        var thread = await UnreadThreadAsync();

        var answer = await _h.Inbox.ReplyAsync(new InboxReply(thread.Id, _h.Default, "10 works."), CancellationToken.None);

        answer.Succeeded.Should().BeTrue(answer.FirstError?.Message);
        ReadEntries().Should().ContainSingle().Which.Summary.Should().Be($"Conversation #{thread.Id} read (answered)");
        _h.Threads().Single().IsUnread.Should().BeFalse();
    }

    [Fact]
    public async Task MarkAsync_ByARoleWithoutTheInbox_IsRefusedAndAuditsNothing()
    {
        var thread = await UnreadThreadAsync();
        _h.Actor.Current = TestActor.SupportAgent(_h.Partner.Id);

        (await _h.Inbox.MarkAsync(thread.Id, read: true, CancellationToken.None)).FirstError!.Code.Should().Be(ResultCodes.Forbidden);

        ReadEntries().Should().BeEmpty();
        _h.Threads().Single().IsUnread.Should().BeTrue();
    }
}
