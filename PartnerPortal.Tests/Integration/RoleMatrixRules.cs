using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

using static PartnerPortal.Tests.Integration.RoleMatrixTests;

namespace PartnerPortal.Tests.Integration;

/// <summary>DESIGN §1 as data: the rows of <see cref="RoleMatrixTests"/> and the kinds of rule they are made of.</summary>
internal static class RoleMatrixRules
{
    /// <summary>The one table: route (pages) or "METHOD route" (endpoints) → rule. Policies are those of PortalPolicies.</summary>
    internal static readonly Dictionary<string, Rule> Rules = new()
    {
        // The portal's pages (DESIGN §1, §7).
        ["/"] = Page(null),
        ["/account-verification"] = Page(PortalPolicies.ReadPartnerData),
        ["/accounts"] = Page(PortalPolicies.ReadPartnerData),
        ["/accounts/{Id:int}"] = Page(PortalPolicies.ReadAccount),
        ["/accounts/{AccountId:int}/recipients"] = Page(PortalPolicies.ReadMessages),
        ["/accounts/{AccountId:int}/templates"] = Page(PortalPolicies.ReadMessages),
        ["/accounts/{AccountId:int}/sms-settings"] = Page(PortalPolicies.ReadPartnerSettings),
        ["/messages/{Id:long}"] = Page(PortalPolicies.ReadAccount),
        ["/audit-log"] = Page(PortalPolicies.ReadPartnerData),
        ["/business-details"] = Page(PortalPolicies.ReadPartnerData),
        ["/reports"] = Page(PortalPolicies.ReadPartnerData),
        ["/form-keys"] = Page(PortalPolicies.ReadPartnerSettings),
        ["/users"] = Page(PortalPolicies.ReadPartnerSettings),
        ["/webhooks"] = Page(PortalPolicies.ReadPartnerSettings),
        ["/api-keys"] = Page(PortalPolicies.ReadPartnerSettings),
        ["/phi-directive"] = Page(PortalPolicies.ReadPartnerSettings),
        ["/partners"] = Page(PortalPolicies.OnboardPartners),
        ["/inbox"] = Page(PortalPolicies.UseInbox),
        ["/accounts/{AccountId:int}/inbox"] = Page(PortalPolicies.UseInbox),
        ["/opt-out-review"] = Page(PortalPolicies.ReadMessages),
        ["/s/{Token}"] = Public(),
        ["/not-found"] = Public(),
        ["/Error"] = Public(),
        ["GET /audit-log/export.csv"] = Page(PortalPolicies.ReadPartnerData),

        // Identity scaffold (kept as generated): sign-in pages are public, Manage needs a signed-in user. Scaffold(): pages
        // that, without their query string or two-factor state, redirect to Login or throw as generated; never "Access denied".
        ["/Account/AccessDenied"] = Public(),
        ["/Account/ConfirmEmail"] = Public(),
        ["/Account/ConfirmEmailChange"] = Scaffold(signedIn: false),
        ["/Account/ExternalLogin"] = Scaffold(signedIn: false),
        ["/Account/ForgotPassword"] = Public(),
        ["/Account/ForgotPasswordConfirmation"] = Public(),
        ["/Account/InvalidPasswordReset"] = Public(),
        ["/Account/InvalidUser"] = Public(),
        ["/Account/Lockout"] = Public(),
        ["/Account/Login"] = Public(),
        ["/Account/LoginWith2fa"] = Scaffold(signedIn: false),
        ["/Account/LoginWithRecoveryCode"] = Scaffold(signedIn: false),
        ["/Account/RegisterConfirmation"] = Public(),
        ["/Account/ResendEmailConfirmation"] = Public(),
        ["/Account/ResetPassword"] = Public(),
        ["/Account/ResetPasswordConfirmation"] = Public(),
        ["/Account/Manage"] = SignedIn(),
        ["/Account/Manage/ChangePassword"] = SignedIn(),
        ["/Account/Manage/DeletePersonalData"] = SignedIn(),
        ["/Account/Manage/Disable2fa"] = Scaffold(signedIn: true),
        ["/Account/Manage/Email"] = SignedIn(),
        ["/Account/Manage/EnableAuthenticator"] = SignedIn(),
        ["/Account/Manage/ExternalLogins"] = SignedIn(),
        ["/Account/Manage/GenerateRecoveryCodes"] = Scaffold(signedIn: true),
        ["/Account/Manage/Passkeys"] = SignedIn(),
        ["/Account/Manage/PersonalData"] = SignedIn(),
        ["/Account/Manage/RenamePasskey/{Id}"] = SignedIn(),
        ["/Account/Manage/ResetAuthenticator"] = SignedIn(),
        ["/Account/Manage/SetPassword"] = SignedIn(),
        ["/Account/Manage/TwoFactorAuthentication"] = SignedIn(),
        ["POST /Account/Logout"] = Plumbing(),
        ["POST /Account/PerformExternalLogin"] = Plumbing(),
        ["POST /Account/PasskeyCreationOptions"] = Plumbing(),
        ["POST /Account/PasskeyRequestOptions"] = Plumbing(),
        ["POST /Account/Manage/LinkExternalLogin"] = Plumbing(),
        ["POST /Account/Manage/DownloadPersonalData"] = Plumbing(),

        // Partner API (partner-scoped key; DESIGN §6).
        ["POST /api/io/SmsSend"] = PartnerApi(ids => $$"""{"accountId":"{{External(ids)}}","to":"+16145550123","message":"Role matrix"}"""),
        ["POST /api/io/SmsSendNumberList"] = PartnerApi(ids => $$"""{"accountId":"{{External(ids)}}"}"""),
        ["POST /api/io/SmsMessageGet"] = PartnerApi(_ => "") with
        {
            Request = (path, ids, app) => new HttpRequestMessage(HttpMethod.Post, path) { Content = Json($$"""{"messageId":{{app.MessageOf(ids)}}}""") },
        },
        // Unknown routes under /api: 4040 problem details for everyone.
        ["/api/{**path}"] = new((_, _) => Expect.Api4040, [Ids.None], (_, _, _) => new HttpRequestMessage(HttpMethod.Get, "/api/no-such-route")),
        // accountId is the partner's own external id: another partner's id is simply a new practice of this partner.
        ["POST /api/io/PracticeCreate"] = PartnerApi(Practice, [Ids.Own]),
        ["POST /api/io/PracticeCreate/1.1"] = PartnerApi(Practice, [Ids.Own]),
        ["POST /api/io/PracticeSave"] = PartnerApi(Practice, [Ids.Own]),
        ["POST /api/io/PracticeSave/1.1"] = PartnerApi(Practice, [Ids.Own]),
        ["POST /api/io/PracticeUpdate"] = PartnerApi(Practice, [Ids.Own]),
        ["POST /api/io/PracticeUpdate/1.1"] = PartnerApi(Practice, [Ids.Own]),

        // Integration API (account-scoped key).
        ["POST /api/v1/integration/messages/send"] = IntegrationApi(
            """{"providerId":"role-matrix","firstName":"Rolf","lastName":"Matrix","mobileNumber":"+16145550123","content":"Role matrix"}"""),
        ["GET /api/v1/integration/messages/{id}"] = IntegrationApi(null, AccountIds),
        ["GET /api/v1/integration/messages"] = IntegrationApi(null),
        ["POST /api/v1/integration/messages/preview"] = IntegrationApi("""{"content":"hi"}"""),
        ["GET /api/v1/integration/templates"] = IntegrationApi(null),
        ["GET /api/v1/integration/ping"] = IntegrationApi(null),

        // The provider's side: authenticated by signature (README "Delivery"), never by a portal role.
        ["POST /provider/callbacks/status"] = Signed(),
        ["POST /provider/inbound"] = Signed(),
        ["POST /simulated-provider/messages"] = Signed(),
        ["GET /simulated-provider/messages"] = Open(),

        // Documentation, health, framework plumbing.
        ["GET /openapi/{documentName}.json"] = Open(),
        ["GET /api-reference/{documentName?}"] = Open(),
        ["GET /api-reference/favicon.svg"] = Open(),
        ["GET /api-reference/scalar.js"] = Open(),
        ["GET /api-reference/scalar.aspnetcore.js"] = Open(),
        ["/healthz"] = Open(),
        ["GET /_framework/opaque-redirect"] = Plumbing(),
        ["GET,HEAD {**path:file}"] = Plumbing(),
        ["/_blazor"] = Plumbing(),
        ["/_blazor/negotiate"] = Plumbing(),
        ["/_blazor/disconnect/"] = Plumbing(),
        ["/_blazor/initializers/"] = Plumbing(),
    };

    /// <summary>A page (or cookie endpoint) under <paramref name="policy"/> (null: any signed-in user); ids are tenant-scoped.</summary>
    private static Rule Page(string? policy) => new((caller, ids) => caller switch
    {
        Caller.Anonymous or Caller.PartnerApiKey or Caller.IntegrationApiKey => Expect.Login,
        _ when policy is not null && !PortalPolicies.Allows(policy, RoleOf(caller)) => Expect.AccessDenied,
        _ => Visible(caller, ids) ? Expect.Page : Expect.NotFound,
    }, []);

    private static Rule Scaffold(bool signedIn) => new((caller, _) => signedIn && RoleOf(caller) is null ? Expect.Login : Expect.NotAccessDenied, [Ids.None]);

    private static Rule Public() => new((_, _) => Expect.Reachable, [Ids.None]);

    private static Rule SignedIn() => new((caller, _) => RoleOf(caller) is null ? Expect.Login : Expect.Reachable, [Ids.None]);

    private static Rule Open() => new((_, _) => Expect.Reachable, [Ids.None],
        (path, _, _) => new HttpRequestMessage(HttpMethod.Get, path.Replace("{documentName}", "v1", StringComparison.Ordinal).Replace("/{documentName?}", "", StringComparison.Ordinal)));

    private static Rule Signed() => new((_, _) => Expect.Refused, [Ids.None],
        (path, _, _) => new HttpRequestMessage(HttpMethod.Post, path) { Content = Json("""{"retId":"1","status":"DELIVERED"}""") });

    private static Rule Plumbing() => new((_, _) => Expect.NotRequested, [Ids.None]);

    /// <summary>Partner API: its key only (the other API's key lacks the right: 4030; users and anonymous: 4010); another partner's account is 4040.</summary>
    private static Rule PartnerApi(Func<Ids, string> body, Ids[]? variants = null) => new((caller, ids) => caller switch
    {
        Caller.PartnerApiKey => ids == Ids.OtherPartner ? Expect.Api4040 : Expect.ApiAllowed,
        Caller.IntegrationApiKey => Expect.Api4030,
        _ => Expect.Api4010,
    }, variants ?? [Ids.Own, Ids.OtherPartner], (path, ids, _) => new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body(ids)) });

    /// <summary>Integration API: its key only, for its one account (another account's message is 4040).</summary>
    private static Rule IntegrationApi(string? body, Ids[]? variants = null) => new((caller, ids) => caller switch
    {
        Caller.IntegrationApiKey => ids is Ids.OtherAccount or Ids.OtherPartner ? Expect.Api4040 : Expect.ApiAllowed,
        Caller.PartnerApiKey => Expect.Api4030,
        _ => Expect.Api4010,
    }, variants ?? [Ids.None], (path, ids, app) => new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, app.Fill(path, ids))
    {
        Content = body is null ? null : Json(body),
    });

    private static string Practice(Ids ids) =>
        $$"""{"accountId":"{{External(ids)}}","name":"Role Matrix Clinic","address1":"1 Main St","city":"Columbus","state":"OH","postalCode":"43215","countryCode":"US"}""";

    private static string External(Ids ids) => ids switch
    {
        Ids.OtherAccount => "lakeside",
        Ids.OtherPartner => "contoso-main",
        _ => "riverside",
    };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string? RoleOf(Caller caller) => caller switch
    {
        Caller.PartnerAdmin => PortalRoles.PartnerAdmin,
        Caller.SupportAgent => PortalRoles.SupportAgent,
        Caller.PracticeStaff => PortalRoles.PracticeStaff,
        Caller.Operator => PortalRoles.Operator,
        _ => null,
    };

    /// <summary>Tenancy (DESIGN §1): own ids always; the partner's other accounts for partner users; everything for Operators.</summary>
    private static bool Visible(Caller caller, Ids ids) => ids switch
    {
        Ids.None or Ids.Own => true,
        Ids.OtherAccount => caller is Caller.PartnerAdmin or Caller.SupportAgent or Caller.Operator,
        _ => caller == Caller.Operator,
    };
}
