using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Numbers;

public sealed class VerificationLifecycleTests : IDisposable
{
    private readonly NumbersHarness _h = new();
    private readonly int _partnerId;
    private readonly int _otherPartnerId;
    private readonly int _accountId;

    public VerificationLifecycleTests()
    {
        using var db = _h.Db();
        var partner = TestData.AddPartner(db, "northwind");
        var other = TestData.AddPartner(db, "contoso");
        _partnerId = partner.Id;
        _otherPartnerId = other.Id;
        _accountId = TestData.AddAccount(db, partner, "riverside", null,
            ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100"),
            ("powell", "Powell", SmsNumberStatus.NoNumber, null)).Id;
    }

    [Fact]
    public async Task AddNumber_CompleteAccount_NumberPendingWithSnapshotRequest()
    {
        var requestId = await _h.RequestAsync(_partnerId, _accountId, "powell");

        var number = _h.NumberOf(_accountId, "powell")!;
        number.Status.Should().Be(SmsNumberStatus.Pending);
        number.Number.Should().BeNull();
        number.VerificationRequestId.Should().Be(requestId);
        _h.Actor.Current = TestActor.PartnerAdmin(_partnerId);
        var list = await _h.Verification.ListAsync(new VerificationListQuery(), CancellationToken.None);
        var request = list.Value!.Items.Should().ContainSingle().Subject;
        request.Status.Should().Be(VerificationStatus.Pending);
        request.Submitted!.BusinessName.Should().Be("riverside Clinic");
        request.Submitted.Locations.Should().Equal("Powell");
        request.Numbers.Should().ContainSingle(n => n.LocationName == "Powell" && n.Status == SmsNumberStatus.Pending);
    }

    [Fact]
    public async Task Approve_PendingRequest_AssignsNumberWithAreaCodeOfStateAndApproves()
    {
        var requestId = await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Actor.Current = TestActor.Operator();

        var result = await _h.Verification.ApproveAsync(requestId, CancellationToken.None);

        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
        var number = _h.NumberOf(_accountId, "powell")!;
        number.Status.Should().Be(SmsNumberStatus.Approved);
        number.Number.Should().MatchRegex(@"^\+1\d{10}$");
        number.Number![2..5].Should().BeOneOf(PartnerPortal.Infrastructure.Carrier.SimulatedCarrierPool.AreaCodesFor("US", "OH"));
        var list = await _h.Verification.ListAsync(new VerificationListQuery(VerificationStatus.Approved), CancellationToken.None);
        var request = list.Value!.Items.Should().ContainSingle().Subject;
        request.DecidedBy.Should().Be("Operator");
        request.DecidedAt.Should().Be(TestData.Now);
        request.Numbers.Should().ContainSingle(n => n.Number == number.Number && n.Status == SmsNumberStatus.Approved);
        _h.AuditActions().Should().Contain("verification.approved");
    }

    [Fact]
    public async Task Reject_WithReason_NumbersRejectedWithReasonAndAudited()
    {
        var requestId = await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Actor.Current = TestActor.Operator();

        var result = await _h.Verification.RejectAsync(requestId, "  Website does not name the practice.  ", CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        var number = _h.NumberOf(_accountId, "powell")!;
        number.Status.Should().Be(SmsNumberStatus.Rejected);
        number.RejectionReason.Should().Be("Website does not name the practice.");
        number.Number.Should().BeNull();
        _h.AuditActions().Should().Contain("verification.rejected");
    }

    [Fact]
    public async Task Reject_WithoutReason_RefusedAndStillPending()
    {
        var requestId = await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Actor.Current = TestActor.Operator();

        var result = await _h.Verification.RejectAsync(requestId, "   ", CancellationToken.None);

        result.FirstError!.Field.Should().Be("reason");
        _h.NumberOf(_accountId, "powell")!.Status.Should().Be(SmsNumberStatus.Pending);
    }

    [Fact]
    public async Task Resubmit_AfterRejection_NewPendingRequestAndReasonCleared()
    {
        var first = await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Actor.Current = TestActor.Operator();
        await _h.Verification.RejectAsync(first, "Address does not match.", CancellationToken.None);
        _h.Actor.Current = TestActor.PartnerAdmin(_partnerId);

        var result = await _h.Numbers.ResubmitAsync(_accountId, _h.LocationId(_accountId, "powell"), CancellationToken.None);

        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
        result.Value!.VerificationRequestId.Should().NotBe(first);
        var number = _h.NumberOf(_accountId, "powell")!;
        number.Status.Should().Be(SmsNumberStatus.Pending);
        number.RejectionReason.Should().BeNull();
        number.VerificationRequestId.Should().Be(result.Value.VerificationRequestId);
        _h.AuditActions().Should().Contain("verification.resubmitted");
        var list = await _h.Verification.ListAsync(new VerificationListQuery(), CancellationToken.None);
        list.Value!.Items.Select(r => r.Status).Should().Equal(VerificationStatus.Pending, VerificationStatus.Rejected);
        list.Value.Items[1].Numbers.Should().ContainSingle(n => n.Status == SmsNumberStatus.Rejected && n.RejectionReason == "Address does not match.");
    }

    [Fact]
    public async Task AddNumber_IncompleteAccount_Refused4039AndNothingRequested()
    {
        int accountId;
        using (var db = _h.Db())
        {
            var partner = db.Partners.Single(p => p.Id == _partnerId);
            accountId = TestData.AddAccount(db, partner, "lakeside", a => a.Address1 = null).Id;
        }

        _h.Actor.Current = TestActor.PartnerAdmin(_partnerId);
        var result = await _h.Numbers.AddNumberAsync(accountId, _h.LocationId(accountId, "default"), CancellationToken.None);

        result.Errors.Should().ContainSingle(e => e.Code == ResultCodes.BusinessInfoInsufficient && e.Field == "address1");
        _h.NumberOf(accountId, "default").Should().BeNull();
        using var check = _h.Db();
        check.VerificationRequests.Should().BeEmpty();
    }

    [Fact]
    public async Task AddNumber_PartnerContactMissing_ErrorSaysFixOnPartner()
    {
        using (var db = _h.Db())
        {
            var partner = db.Partners.Single(p => p.Id == _partnerId);
            partner.BusinessDetails.ContactEmail = null;
            db.SaveChanges();
        }

        _h.Actor.Current = TestActor.PartnerAdmin(_partnerId);
        var result = await _h.Numbers.AddNumberAsync(_accountId, _h.LocationId(_accountId, "powell"), CancellationToken.None);

        result.Errors.Should().ContainSingle(e => e.Code == ResultCodes.BusinessInfoInsufficient && e.Field == "contactEmail" && e.Source == "partner");
        _h.NumberOf(_accountId, "powell").Should().BeNull();
    }

    [Theory]
    [InlineData(PortalRoles.PartnerAdmin)]
    [InlineData(PortalRoles.SupportAgent)]
    [InlineData(PortalRoles.PracticeStaff)]
    public async Task Approve_NonOperatorOfSamePartner_RefusedInService(string role)
    {
        var requestId = await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Actor.Current = role switch
        {
            PortalRoles.PartnerAdmin => TestActor.PartnerAdmin(_partnerId),
            PortalRoles.SupportAgent => TestActor.SupportAgent(_partnerId),
            _ => TestActor.PracticeStaff(_partnerId, _accountId),
        };

        var approve = await _h.Verification.ApproveAsync(requestId, CancellationToken.None);
        var reject = await _h.Verification.RejectAsync(requestId, "No", CancellationToken.None);

        approve.Succeeded.Should().BeFalse();
        reject.Succeeded.Should().BeFalse();
        _h.NumberOf(_accountId, "powell")!.Status.Should().Be(SmsNumberStatus.Pending);
        _h.AuditActions().Should().NotContain(a => a == "verification.approved" || a == "verification.rejected");
    }

    [Fact]
    public async Task ListAndDecide_OtherPartnersAdmin_SeesNothingAndGetsNotFound()
    {
        var requestId = await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Actor.Current = TestActor.PartnerAdmin(_otherPartnerId);

        var list = await _h.Verification.ListAsync(new VerificationListQuery(), CancellationToken.None);
        var approve = await _h.Verification.ApproveAsync(requestId, CancellationToken.None);

        list.Value!.Items.Should().BeEmpty();
        list.Value.TotalCount.Should().Be(0);
        approve.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task List_PracticeStaff_SeesNothing()
    {
        await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Actor.Current = TestActor.PracticeStaff(_partnerId, _accountId);

        var list = await _h.Verification.ListAsync(new VerificationListQuery(), CancellationToken.None);

        list.Value!.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Approve_AlreadyDecided_Refused()
    {
        var requestId = await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Actor.Current = TestActor.Operator();
        await _h.Verification.RejectAsync(requestId, "Blurry", CancellationToken.None);

        var again = await _h.Verification.ApproveAsync(requestId, CancellationToken.None);

        again.FirstError!.Message.Should().Contain("already rejected");
        _h.NumberOf(_accountId, "powell")!.Status.Should().Be(SmsNumberStatus.Rejected);
    }

    [Fact]
    public async Task List_Operator_SeesAllPartnersNewestFirstPagedAndFiltered()
    {
        int contosoAccount;
        using (var db = _h.Db())
        {
            contosoAccount = TestData.AddAccount(db, db.Partners.Single(p => p.Id == _otherPartnerId), "contoso-main").Id;
        }

        var older = await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Clock.Advance(TimeSpan.FromMinutes(5));
        var newer = await _h.RequestAsync(_otherPartnerId, contosoAccount, "default");
        _h.Actor.Current = TestActor.Operator();

        var firstPage = await _h.Verification.ListAsync(new VerificationListQuery(Page: 0, PageSize: 1), CancellationToken.None);
        var secondPage = await _h.Verification.ListAsync(new VerificationListQuery(Page: 1, PageSize: 1), CancellationToken.None);
        var approved = await _h.Verification.ListAsync(new VerificationListQuery(VerificationStatus.Approved), CancellationToken.None);

        firstPage.Value!.TotalCount.Should().Be(2);
        firstPage.Value.Items.Single().Id.Should().Be(newer);
        firstPage.Value.Items.Single().PartnerName.Should().Be("contoso");
        secondPage.Value!.Items.Single().Id.Should().Be(older);
        approved.Value!.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task ListForAccount_OtherPartner_NotFound()
    {
        _h.Actor.Current = TestActor.PartnerAdmin(_otherPartnerId);

        var result = await _h.Numbers.ListForAccountAsync(_accountId, CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task ListForAccount_OwnAccount_OneRowPerLocationDefaultFirst()
    {
        _h.Actor.Current = TestActor.PracticeStaff(_partnerId, _accountId);

        var result = await _h.Numbers.ListForAccountAsync(_accountId, CancellationToken.None);

        result.Value!.Select(n => (n.ExternalId, n.Status, n.Number)).Should().Equal(
            ("default", SmsNumberStatus.Approved, "+16145550100"),
            ("powell", SmsNumberStatus.NoNumber, (string?)null));
        result.Value![0].IsDefault.Should().BeTrue();
        result.Value[0].DisplayNumber.Should().Be("(614) 555-0100");
    }

    public void Dispose() => _h.Dispose();
}

public sealed class VerificationDecisionPlansTests : IDisposable
{
    private readonly NumbersHarness _h = new(TestDatabase.RecordingPlans());

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Approve_ReadsTheRequestAndTheCarriersNumbersByIndex()
    {
        int partnerId, accountId;
        using (var db = _h.Db())
        {
            var partner = TestData.AddPartner(db, "northwind");
            partnerId = partner.Id;
            accountId = TestData.AddAccount(db, partner, "riverside", null,
                ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100"),
                ("powell", "Powell", SmsNumberStatus.NoNumber, null)).Id;
        }

        var requestId = await _h.RequestAsync(partnerId, accountId, "powell");
        _h.Database.Plans!.Clear();
        _h.Actor.Current = TestActor.Operator();

        (await _h.Verification.ApproveAsync(requestId, CancellationToken.None)).Succeeded.Should().BeTrue();

        _h.NumberOf(accountId, "powell")!.Status.Should().Be(SmsNumberStatus.Approved);
        (await _h.Database.Plans.FullScansAsync()).Should().BeEmpty("an approval must not read every number of every account");
    }
}
