// SPDX-License-Identifier: Apache-2.0
// Tests of the reference-table importers through the public facade: model mapping (§6),
// owners and allocation rules (§7), billing policy (§8), evidence register as CSV and JSON
// (§9) and business units (§10). Each reads the clean-month example where there is one,
// reads every field exactly, and rejects malformed values with exact messages naming file,
// line and column (or JSON path), leaving the set empty.
#include "tabulartesthelpers.h"

#include <QTest>

using namespace tl;
using namespace tltest;

namespace {

constexpr UtcMicros kJan1 = 1767225600000000; // 2026-01-01T00:00:00Z

struct Case
{
    const char *format;
    const char *name;
    LedgerKind kind;
};

const Case kMapping{"model_mapping_csv", "mapping.csv", LedgerKind::Mapping};
const Case kOwners{"owners_csv", "owners.csv", LedgerKind::Owners};
const Case kPolicy{"billing_policy_csv", "policy.csv", LedgerKind::Policy};
const Case kEvidenceCsv{"evidence_csv", "evidence.csv", LedgerKind::Evidence};
const Case kEvidenceJson{"evidence_json", "evidence.json", LedgerKind::Evidence};
const Case kUnits{"business_units_csv", "units.csv", LedgerKind::Units};

ImportOptions opts(const Case &c)
{
    return options(c.format, c.name, c.kind);
}

QString cleanMonth(const char *file)
{
    return sharedPath("examples/clean-month/") + QLatin1String(file);
}

} // namespace

Q_DECLARE_METATYPE(LedgerKind)

class TestReferenceImporters : public QObject
{
    Q_OBJECT

private slots:
    void cleanMonthMapping();
    void cleanMonthPolicy();
    void cleanMonthEvidence();
    void cleanMonthOwners();
    void mappingRolesAndRanges();
    void ownersSharedRule();
    void policyCaseAndAliases();
    void evidenceJson();
    void evidenceJsonEntriesObject();
    void businessUnits();
    void errors_data();
    void errors();
};

void TestReferenceImporters::cleanMonthMapping()
{
    LedgerSet set;
    const ImportReport rep = Importer::importFile(cleanMonth("mapping.csv"), opts(kMapping), set);
    QCOMPARE(rep.rowsRead, qint64(9));
    QCOMPARE(rep.rowsAccepted, qint64(9));
    QCOMPARE(set.mappings.size(), std::size_t(9));
    const MappingRow &m = set.mappings[5];
    QCOMPARE(m.internalName, QStringLiteral("svc-reasoner"));
    QCOMPARE(m.requestedModel, QStringLiteral("reasoner"));
    QCOMPARE(m.billableModel, QStringLiteral("o3-mini"));
    QCOMPARE(m.snapshotId, QStringLiteral("snap-2026-05"));
    QCOMPARE(m.role, std::int8_t(1));
    QCOMPARE(m.owner, QStringLiteral("platform"));
    QCOMPARE(m.validFrom, kJan1);
    QCOMPARE(m.validTo, kNoTime);
    QCOMPARE(m.sourceLine, 7u);
}

void TestReferenceImporters::cleanMonthPolicy()
{
    LedgerSet set;
    const ImportReport rep = Importer::importFile(cleanMonth("policy.csv"), opts(kPolicy), set);
    QCOMPARE(rep.rowsAccepted, qint64(7));
    QCOMPARE(set.policy.size(), std::size_t(7));
    const Outcome outcomes[] = {Outcome::Success, Outcome::SuccessStream, Outcome::ClientError, Outcome::RateLimited,
                                Outcome::ServerError, Outcome::NetworkError, Outcome::NotSent};
    for (std::size_t i = 0; i < 7; ++i) {
        QCOMPARE(set.policy[i].outcome, outcomes[i]);
        QCOMPARE(set.policy[i].treatment, i < 2 ? Treatment::Billable : Treatment::NonBillable);
        QCOMPARE(set.policy[i].evidenceId, QStringLiteral("EV-ERR-1"));
        QCOMPARE(set.policy[i].sourceLine, std::uint32_t(i + 2));
    }
}

void TestReferenceImporters::cleanMonthEvidence()
{
    LedgerSet set;
    const ImportReport rep = Importer::importFile(cleanMonth("evidence.csv"), opts(kEvidenceCsv), set);
    QCOMPARE(rep.rowsRead, qint64(2));
    QCOMPARE(set.evidence.size(), std::size_t(2));
    const EvidenceEntry &p = set.evidence[0];
    QCOMPARE(p.evidenceId, QStringLiteral("EV-PRICE-1"));
    QCOMPARE(p.assumption, QStringLiteral("Token models cost 0.8 of upstream list price"));
    QCOMPARE(p.area, QStringLiteral("pricing"));
    QCOMPARE(p.owner, QStringLiteral("finops"));
    QCOMPARE(p.sourceUrlOrTicket, QStringLiteral("https://apidoc.cometapi.com/pricing/about-pricing"));
    QCOMPARE(p.accessedOn, QDate(2026, 5, 1));
    QCOMPARE(p.statementOrScreenshotRef, QStringLiteral("pricing page, section ratio"));
    QCOMPARE(p.screenshotSha256, QString());
    QCOMPARE(p.dependentSystem, QStringLiteral("cost calculator"));
    QCOMPARE(p.fallbackBehavior, QStringLiteral("mark costs provisional"));
    QCOMPARE(p.nextReviewOn, QDate(2026, 8, 1));
    QCOMPARE(p.status, EvidenceStatus::Verified);
    QCOMPARE(p.notes, QString());
    QCOMPARE(p.sourceLine, 2u);
    const EvidenceEntry &e = set.evidence[1];
    QCOMPARE(e.evidenceId, QStringLiteral("EV-ERR-1"));
    QCOMPARE(e.assumption, QStringLiteral("4xx, 429, 5xx are not billed"));
    QCOMPARE(e.area, QStringLiteral("error_behavior"));
    QCOMPARE(e.sourceUrlOrTicket, QStringLiteral("SUPPORT-1142"));
    QCOMPARE(e.accessedOn, QDate(2026, 4, 20));
    QCOMPARE(e.nextReviewOn, QDate(2026, 7, 20));
    QCOMPARE(e.notes, QStringLiteral("multi-line\nnote, with comma"));
    QCOMPARE(e.sourceLine, 3u);
}

void TestReferenceImporters::cleanMonthOwners()
{
    LedgerSet set;
    const ImportReport rep = Importer::importFile(cleanMonth("owners.csv"), opts(kOwners), set);
    QCOMPARE(rep.rowsAccepted, qint64(6));
    QCOMPARE(set.owners.size(), std::size_t(6));
    const OwnerRow &o = set.owners[2];
    QCOMPARE(o.apiKeyName, QStringLiteral("batch-nightly"));
    QCOMPARE(o.ownerGroup, QStringLiteral("batch-team"));
    QCOMPARE(o.environment, QStringLiteral("nightly"));
    QCOMPARE(o.workload, QStringLiteral("batch"));
    QCOMPARE(o.costCenter, QStringLiteral("CC-BAT"));
    QCOMPARE(o.allocationRule, QStringLiteral("direct"));
    QVERIFY(o.shares.empty());
    QVERIFY(o.monthlyBudget.known);
    QCOMPARE(o.monthlyBudget.value.toStdString(), std::string("500"));
    QCOMPARE(o.currency, QStringLiteral("USD"));
    QCOMPARE(o.allowedIps, QStringList{QStringLiteral("10.0.0.0/8")});
    QCOMPARE(o.apiKeyId, QString());
    QCOMPARE(o.sourceLine, 4u);
}

void TestReferenceImporters::mappingRolesAndRanges()
{
    // A primary and a fallback mapping of one model may coexist; one model's mappings may
    // follow each other in time.
    const QByteArray bytes = "requested_model,billable_model,role,valid_from,valid_to\n"
                             "chat,gpt-4o-mini,primary,2026-01-01,2026-05-01\n"
                             "chat,gpt-4o,primary,2026-05-01,\n"
                             "chat,claude-sonnet-4,Fallback,,\n"
                             "embed,text-embedding-3-small,,,\n";
    LedgerSet set;
    Importer::importBytes(bytes, opts(kMapping), set);
    QCOMPARE(set.mappings.size(), std::size_t(4));
    QCOMPARE(set.mappings[0].validTo, UtcMicros(1777593600000000));
    QCOMPARE(set.mappings[1].validFrom, UtcMicros(1777593600000000));
    QCOMPARE(set.mappings[2].role, std::int8_t(2));
    QCOMPARE(set.mappings[3].role, std::int8_t(0));
    QCOMPARE(set.mappings[3].internalName, QString()); // absent column reads as empty
}

void TestReferenceImporters::ownersSharedRule()
{
    const QByteArray bytes = "api_key_name,owner_group,allocation_rule,monthly_budget,allowed_ips,api_key_id\n"
                             "shared-key,platform,\"shared:search-team=3;support-team=1.5; agents = 0.25 ;\",,\"10.0.0.0/8; 192.168.1.7|2001:db8::/32  172.16.0.1\",key_abc\n"
                             "plain,platform,DIRECT,0,,\n"
                             "none,platform,,,,\n";
    LedgerSet set;
    Importer::importBytes(bytes, opts(kOwners), set);
    QCOMPARE(set.owners.size(), std::size_t(3));
    const OwnerRow &s = set.owners[0];
    QCOMPARE(s.shares.size(), std::size_t(3));
    QCOMPARE(s.shares[0].group, QStringLiteral("search-team"));
    QCOMPARE(s.shares[0].weight.toStdString(), std::string("3"));
    QCOMPARE(s.shares[1].group, QStringLiteral("support-team"));
    QCOMPARE(s.shares[1].weight.toStdString(), std::string("1.5"));
    QCOMPARE(s.shares[2].group, QStringLiteral("agents"));
    QCOMPARE(s.shares[2].weight.toStdString(), std::string("0.25"));
    QVERIFY(!s.monthlyBudget.known);
    QCOMPARE(s.allowedIps, (QStringList{QStringLiteral("10.0.0.0/8"), QStringLiteral("192.168.1.7"), QStringLiteral("2001:db8::/32"),
                                        QStringLiteral("172.16.0.1")}));
    QCOMPARE(s.apiKeyId, QStringLiteral("key_abc"));
    QVERIFY(set.owners[1].shares.empty());
    QCOMPARE(set.owners[1].monthlyBudget.value.toStdString(), std::string("0"));
    QVERIFY(set.owners[1].monthlyBudget.known);
    QVERIFY(set.owners[2].shares.empty());
    QVERIFY(set.owners[2].allowedIps.isEmpty());
}

void TestReferenceImporters::policyCaseAndAliases()
{
    const QByteArray bytes = "Outcome,TREATMENT\n"
                             "Stream_Cancelled,Partial\n"
                             "timeout,unverified\n" // seed-001 status string for client_timeout
                             "cached-response,non-billable\n";
    LedgerSet set;
    Importer::importBytes(bytes, opts(kPolicy), set);
    QCOMPARE(set.policy.size(), std::size_t(3));
    QCOMPARE(set.policy[0].outcome, Outcome::StreamCancelled);
    QCOMPARE(set.policy[0].treatment, Treatment::Partial);
    QCOMPARE(set.policy[1].outcome, Outcome::ClientTimeout);
    QCOMPARE(set.policy[2].outcome, Outcome::CachedResponse);
    QCOMPARE(set.policy[2].treatment, Treatment::NonBillable);
    QCOMPARE(set.policy[2].evidenceId, QString());
}

void TestReferenceImporters::evidenceJson()
{
    LedgerSet set;
    const ImportReport rep = Importer::importFile(fixturePath("evidence.json"), opts(kEvidenceJson), set);
    QCOMPARE(rep.rowsRead, qint64(2));
    QCOMPARE(set.evidence.size(), std::size_t(2));
    const EvidenceEntry &a = set.evidence[0];
    QCOMPARE(a.evidenceId, QStringLiteral("EV-1"));
    QCOMPARE(a.area, QStringLiteral("pricing"));
    QCOMPARE(a.accessedOn, QDate(2026, 5, 1));
    QCOMPARE(a.nextReviewOn, QDate(2026, 8, 1));
    QCOMPARE(a.status, EvidenceStatus::Verified);
    QCOMPARE(a.screenshotSha256, QStringLiteral("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"));
    QCOMPARE(a.notes, QStringLiteral("line one\nline two"));
    QCOMPARE(a.sourceLine, 1u); // JSON rows carry their index + 1
    const EvidenceEntry &b = set.evidence[1];
    QCOMPARE(b.evidenceId, QStringLiteral("42")); // a number, taken as its text
    QCOMPARE(b.status, EvidenceStatus::Unverified);
    QCOMPARE(b.sourceUrlOrTicket, QString());
    QVERIFY(!b.accessedOn.isValid());
    QCOMPARE(b.sourceLine, 2u);
}

void TestReferenceImporters::evidenceJsonEntriesObject()
{
    LedgerSet set;
    Importer::importFile(fixturePath("evidence-entries.json"), opts(kEvidenceJson), set);
    QCOMPARE(set.evidence.size(), std::size_t(2));
    QCOMPARE(set.evidence[1].evidenceId, QStringLiteral("EV-2"));
    QCOMPARE(set.evidence[1].status, EvidenceStatus::Superseded);
}

void TestReferenceImporters::businessUnits()
{
    const QByteArray bytes = "date,workload,unit_name,count\n"
                             "2026-05-01,support,approved_tickets,120\n"
                             "2026-05-01,search,queries,1.5e3\n"
                             "2026-05-02,support,approved_tickets,0\n"
                             "2026-05-02,,gpu_hours,7.25\n";
    LedgerSet set;
    const ImportReport rep = Importer::importBytes(bytes, opts(kUnits), set);
    QCOMPARE(rep.rowsAccepted, qint64(4));
    QCOMPARE(set.units.size(), std::size_t(4));
    QCOMPARE(set.units[0].date, QDate(2026, 5, 1));
    QCOMPARE(set.units[0].workload, QStringLiteral("support"));
    QCOMPARE(set.units[0].unitName, QStringLiteral("approved_tickets"));
    QCOMPARE(set.units[0].count.toStdString(), std::string("120"));
    QCOMPARE(set.units[1].count.toStdString(), std::string("1500"));
    QCOMPARE(set.units[3].workload, QString());
    QCOMPARE(set.units[3].count.toStdString(), std::string("7.25"));
    QCOMPARE(set.units[3].sourceLine, 5u);
}

void TestReferenceImporters::errors_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("name");
    QTest::addColumn<LedgerKind>("kind");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const auto add = [](const char *tag, const Case &c, const QByteArray &bytes, const QString &message) {
        QTest::newRow(tag) << QString::fromLatin1(c.format) << QString::fromLatin1(c.name) << c.kind << bytes << message;
    };

    add("mapping: missing column", kMapping, "requested_model,snapshot_id\nchat,s\n",
        QStringLiteral("mapping.csv:1: missing required column 'billable_model' in the header"));
    add("mapping: empty billable", kMapping, "requested_model,billable_model\nchat,gpt-4o\nembed,\n",
        QStringLiteral("mapping.csv:3: column 'billable_model': a value is required here, got an empty cell"));
    add("mapping: bad role", kMapping, "requested_model,billable_model,role\nchat,gpt-4o,backup\n",
        QStringLiteral("mapping.csv:2: column 'role': expected primary or fallback, got \"backup\""));
    add("mapping: bad date", kMapping, "requested_model,billable_model,valid_from\nchat,gpt-4o,01/05/2026\n",
        QStringLiteral("mapping.csv:2: column 'valid_from': expected a date YYYY-MM-DD, got \"01/05/2026\""));
    add("mapping: overlap", kMapping,
        "requested_model,billable_model,role,valid_from,valid_to\nchat,gpt-4o-mini,primary,2026-01-01,2026-06-01\n"
        "embed,e,primary,,\nchat,gpt-4o,primary,2026-05-01,\n",
        QStringLiteral("mapping.csv:4: column 'valid_from': chat is mapped twice for the same time: lines 2 (to gpt-4o-mini) and 4 (to gpt-4o)"));

    add("policy: bad outcome", kPolicy, "outcome,treatment\nsuccess,billable\nok,billable\n",
        QStringLiteral("policy.csv:3: column 'outcome': unknown outcome class \"ok\"; expected one of success, success_stream, stream_cancelled, "
                       "client_error, rate_limited, server_error, client_timeout, network_error, not_sent, cached_response"));
    add("policy: bad treatment", kPolicy, "outcome,treatment\nsuccess,free\n",
        QStringLiteral("policy.csv:2: column 'treatment': unknown treatment \"free\"; expected one of billable, non_billable, partial, unverified"));
    add("policy: duplicate", kPolicy, "outcome,treatment\nsuccess,billable\nrate_limited,non_billable\nSUCCESS,partial\n",
        QStringLiteral("policy.csv:4: column 'outcome': outcome class success already has a policy row on line 2; give each class one row"));
    add("policy: missing treatment", kPolicy, "outcome,evidence_id\nsuccess,EV-1\n",
        QStringLiteral("policy.csv:1: missing required column 'treatment' in the header"));

    const QByteArray evHeader = "evidence_id,assumption,area,owner,accessed_on,next_review_on,status,screenshot_sha256\n";
    add("evidence csv: bad status", kEvidenceCsv, evHeader + "EV-1,a,pricing,o,2026-05-01,,confirmed,\n",
        QStringLiteral("evidence.csv:2: column 'status': unknown status \"confirmed\"; expected verified, unverified or superseded"));
    add("evidence csv: empty owner", kEvidenceCsv, evHeader + "EV-1,a,pricing,,2026-05-01,,verified,\n",
        QStringLiteral("evidence.csv:2: column 'owner': a value is required here, got an empty cell"));
    add("evidence csv: bad date", kEvidenceCsv, evHeader + "EV-1,a,pricing,o,2026-5-1,,verified,\n",
        QStringLiteral("evidence.csv:2: column 'accessed_on': expected a date YYYY-MM-DD, got \"2026-5-1\""));
    add("evidence csv: bad area", kEvidenceCsv, evHeader + "EV-1,a,prices,o,,,verified,\n",
        QStringLiteral("evidence.csv:2: column 'area': unknown area \"prices\"; expected one of endpoint, auth, request_fields, response_fields, "
                       "error_behavior, rate_limit, billing, pricing, support, unit_metric, allocation"));
    add("evidence csv: bad sha", kEvidenceCsv, evHeader + "EV-1,a,,o,,,verified,abc123\n",
        QStringLiteral("evidence.csv:2: column 'screenshot_sha256': expected 64 hex digits (a SHA-256), got \"abc123\""));
    add("evidence csv: duplicate id", kEvidenceCsv, evHeader + "EV-1,a,,o,,,verified,\n\"EV-2\",\"b\nc\",,o,,,verified,\nEV-1,c,,o,,,verified,\n",
        QStringLiteral("evidence.csv:5: column 'evidence_id': evidence_id EV-1 is already defined on line 2"));
    add("evidence csv: missing status column", kEvidenceCsv, "evidence_id,assumption,owner\nEV-1,a,o\n",
        QStringLiteral("evidence.csv:1: missing required column 'status' in the header"));

    add("evidence json: bad status", kEvidenceJson,
        "[\n {\"evidence_id\": \"EV-1\", \"assumption\": \"a\", \"owner\": \"o\", \"status\": \"verified\"},\n\n"
        " {\"evidence_id\": \"EV-2\", \"assumption\": \"a\", \"owner\": \"o\", \"status\": \"pending\"}\n]\n",
        QStringLiteral("evidence.json:4: $[1].status: unknown status \"pending\"; expected verified, unverified or superseded"));
    add("evidence json: missing owner", kEvidenceJson,
        "{\"entries\": [{\"evidence_id\": \"EV-1\", \"assumption\": \"a\", \"status\": \"verified\"}]}",
        QStringLiteral("evidence.json:1: $.entries[0].owner: a value is required here, got none"));
    add("evidence json: bad date", kEvidenceJson,
        "[{\"evidence_id\": \"EV-1\", \"assumption\": \"a\", \"owner\": \"o\", \"status\": \"verified\",\n  \"next_review_on\": \"soon\"}]",
        QStringLiteral("evidence.json:1: $[0].next_review_on: expected a date YYYY-MM-DD, got \"soon\""));
    add("evidence json: not an entry", kEvidenceJson, "[\"EV-1\"]",
        QStringLiteral("evidence.json:1: $[0]: expected an evidence entry object: The JSON element does not have the requested type."));
    add("evidence json: object value", kEvidenceJson,
        "[{\"evidence_id\": \"EV-1\", \"assumption\": [\"a\"], \"owner\": \"o\", \"status\": \"verified\"}]",
        QStringLiteral("evidence.json:1: $[0].assumption: expected a string or null"));
    add("evidence json: no entries", kEvidenceJson, "{\"items\": []}",
        QStringLiteral("evidence.json:1: $: expected an array of evidence entries, or an object with an \"entries\" array"));
    add("evidence json: duplicate", kEvidenceJson,
        "[{\"evidence_id\": \"EV-1\", \"assumption\": \"a\", \"owner\": \"o\", \"status\": \"verified\"},\n"
        " {\"evidence_id\": \"EV-1\", \"assumption\": \"b\", \"owner\": \"o\", \"status\": \"verified\"}]",
        QStringLiteral("evidence.json:2: $[1].evidence_id: evidence_id EV-1 is already defined by $[0]"));
    add("evidence json: trailing text", kEvidenceJson, "[]\n[]",
        QStringLiteral("evidence.json:2: $: unexpected text after the JSON value"));

    const QByteArray ownersHeader = "api_key_name,owner_group,allocation_rule,monthly_budget,allowed_ips\n";
    add("owners: unknown rule", kOwners, ownersHeader + "k,g,split,,\n",
        QStringLiteral("owners.csv:2: column 'allocation_rule': unknown rule in \"split\"; expected \"direct\" or \"shared:<group>=<weight>;<group>=<weight>…\""));
    add("owners: missing weight", kOwners, ownersHeader + "k,g,shared:a=1;b,,\n",
        QStringLiteral("owners.csv:2: column 'allocation_rule': share \"b\" has no weight in \"shared:a=1;b\"; expected \"direct\" or \"shared:<group>=<weight>;<group>=<weight>…\""));
    add("owners: bad weight", kOwners, ownersHeader + "k,g,shared:a=1;b=x,,\n",
        QStringLiteral("owners.csv:2: column 'allocation_rule': weight of b: expected a decimal number such as 12.5 or 1.5e-7 in \"shared:a=1;b=x\"; expected \"direct\" or \"shared:<group>=<weight>;<group>=<weight>…\""));
    add("owners: zero weight", kOwners, ownersHeader + "k,g,shared:a=1;b=0,,\n",
        QStringLiteral("owners.csv:2: column 'allocation_rule': weight of b must be positive in \"shared:a=1;b=0\"; expected \"direct\" or \"shared:<group>=<weight>;<group>=<weight>…\""));
    add("owners: empty shared", kOwners, ownersHeader + "k,g,shared:,,\n",
        QStringLiteral("owners.csv:2: column 'allocation_rule': no shares in \"shared:\"; expected \"direct\" or \"shared:<group>=<weight>;<group>=<weight>…\""));
    add("owners: repeated group", kOwners, ownersHeader + "k,g,shared:a=1;a=2,,\n",
        QStringLiteral("owners.csv:2: column 'allocation_rule': group a is listed twice in \"shared:a=1;a=2\"; expected \"direct\" or \"shared:<group>=<weight>;<group>=<weight>…\""));
    add("owners: bad ip", kOwners, ownersHeader + "k,g,direct,,10.0.0.0/8;10.0.0.300\n",
        QStringLiteral("owners.csv:2: column 'allowed_ips': expected IP addresses or CIDR blocks separated by ';', '|' or spaces, got \"10.0.0.300\""));
    add("owners: negative budget", kOwners, ownersHeader + "k,g,direct,-5,\n",
        QStringLiteral("owners.csv:2: column 'monthly_budget': a budget cannot be negative, got \"-5\""));
    add("owners: duplicate key", kOwners, ownersHeader + "k,g,direct,,\nj,g,direct,,\nk,h,direct,,\n",
        QStringLiteral("owners.csv:4: column 'api_key_name': key k already has an owner row on line 2"));

    const QByteArray unitsHeader = "date,workload,unit_name,count\n";
    add("units: negative count", kUnits, unitsHeader + "2026-05-01,s,tickets,-1\n",
        QStringLiteral("units.csv:2: column 'count': a count cannot be negative, got \"-1\""));
    add("units: bad date", kUnits, unitsHeader + "May 1,s,tickets,1\n",
        QStringLiteral("units.csv:2: column 'date': expected a date YYYY-MM-DD, got \"May 1\""));
    add("units: duplicate", kUnits, unitsHeader + "2026-05-01,s,tickets,1\n2026-05-01,s,tickets,2\n",
        QStringLiteral("units.csv:3: column 'date': tickets of s on 2026-05-01 is already counted on line 2"));
}

void TestReferenceImporters::errors()
{
    QFETCH(QString, format);
    QFETCH(QString, name);
    QFETCH(LedgerKind, kind);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    ImportOptions o;
    o.format = format;
    o.displayName = name;
    o.kind = kind;
    LedgerSet set;
    QCOMPARE(importError(bytes, o, set), message);
    QVERIFY(isEmpty(set));
}

QTEST_GUILESS_MAIN(TestReferenceImporters)
#include "tst_referenceimporters.moc"
