// SPDX-License-Identifier: Apache-2.0
// Tests of tl::SecretRedactor (formats.md, Secrets): what counts as a secret, the stable token
// "key#" + the first 12 hex digits of the SHA-256 of the secret text (computed here
// independently with QCryptographicHash), the count, and that no secret text survives.
#include "core/import/secretredactor.h"

#include <QCryptographicHash>
#include <QTest>

using tl::SecretRedactor;

namespace {

// The expected token, computed independently of the redactor.
QByteArray token(const QByteArray &secret)
{
    return "key#" + QCryptographicHash::hash(secret, QCryptographicHash::Sha256).toHex().left(12);
}

const QByteArray kKey20 = "sk-abcdefghij0123456789";           // exactly 20 key characters
const QByteArray kKey19 = "sk-abcdefghij012345678";            // 19: not a key
const QByteArray kProj = "sk-proj-Ab_C-9xYz0123456789qwertyuiopASDF"; // '-' and '_' are key characters
const QByteArray kOther = "sk-ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ";

} // namespace

class TestSecretRedactor : public QObject
{
    Q_OBJECT

private slots:
    void tokenFor();
    void redact_data();
    void redact();
    void sameSecretSameToken();
    void countAndNullCount();
    void largeInput();
    void everyBlockOffset();
};

void TestSecretRedactor::tokenFor()
{
    // Known vector: SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.
    QCOMPARE(SecretRedactor::tokenFor("abc"), QByteArray("key#ba7816bf8f01"));
    QCOMPARE(SecretRedactor::tokenFor(std::string_view(kKey20.constData(), static_cast<std::size_t>(kKey20.size()))),
             token(kKey20));
    QCOMPARE(token(kKey20).size(), 16);
    QVERIFY(token(kKey20) != token(kOther));
}

void TestSecretRedactor::redact_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<int>("count");
    QTest::addColumn<QByteArrayList>("secrets"); // none of these may survive

    auto row = [](const char *tag, const QByteArray &in, const QByteArray &out, int n, const QByteArrayList &secrets) {
        QTest::newRow(tag) << in << out << n << secrets;
    };

    // sk- keys
    row("sk- 20 characters", "api key " + kKey20 + " used", "api key " + token(kKey20) + " used", 1, {kKey20});
    row("sk- 19 characters is not a key", "api key " + kKey19 + " used", "api key " + kKey19 + " used", 0, {});
    row("sk- at start and end", kKey20, token(kKey20), 1, {kKey20});
    row("sk-proj with - and _", "k=" + kProj, "k=" + token(kProj), 1, {kProj});
    row("sk- in JSON", "{\"api_key\":\"" + kKey20 + "\",\"n\":1}", "{\"api_key\":\"" + token(kKey20) + "\",\"n\":1}", 1,
        {kKey20});
    row("sk- in CSV", "r1," + kKey20 + ",gpt-4o\n", "r1," + token(kKey20) + ",gpt-4o\n", 1, {kKey20});
    row("sk- ends at a dot", kKey20 + ".", token(kKey20) + ".", 1, {kKey20});
    row("task- is not a key", "task-abcdefghijklmnopqrstuvwxyz0123", "task-abcdefghijklmnopqrstuvwxyz0123", 0, {});
    row("disk- is not a key", "disk-abcdefghijklmnopqrstuvwxyz0123", "disk-abcdefghijklmnopqrstuvwxyz0123", 0, {});
    row("sk_ is not a key", "sk_abcdefghijklmnopqrstuvwxyz0123", "sk_abcdefghijklmnopqrstuvwxyz0123", 0, {});
    row("sk- alone", "sk- and sk-", "sk- and sk-", 0, {});
    row("two different keys", kKey20 + " " + kOther, token(kKey20) + " " + token(kOther), 2, {kKey20, kOther});

    // key=VALUE
    row("key= in URL", "GET /user/quota?key=abc123XYZ&start_date=2026-05-01 HTTP/1.1",
        "GET /user/quota?key=" + token("abc123XYZ") + "&start_date=2026-05-01 HTTP/1.1", 1, {"abc123XYZ"});
    row("key= at end of URL", "https://api.example.com/v1/usage?key=Zm9vYmFy",
        "https://api.example.com/v1/usage?key=" + token("Zm9vYmFy"), 1, {"Zm9vYmFy"});
    row("api_key=", "curl https://x/?api_key=s3cr3t-v4lue", "curl https://x/?api_key=" + token("s3cr3t-v4lue"), 1,
        {"s3cr3t-v4lue"});
    row("KEY= upper case", "KEY=Value42;next", "KEY=" + token("Value42") + ";next", 1, {"Value42"});
    row("key= holding an sk- key", "?key=" + kKey20 + "&x=1", "?key=" + token(kKey20) + "&x=1", 1, {kKey20});
    row("key=\"quoted\"", "key=\"qu0ted-secret\" rest", "key=\"" + token("qu0ted-secret") + "\" rest", 1,
        {"qu0ted-secret"});
    row("key= empty", "?key=&a=b", "?key=&a=b", 0, {});
    row("key without =", "the key is here", "the key is here", 0, {});

    // Authorization
    row("Authorization: Bearer", "Authorization: Bearer tok_ABC.def-123\r\nHost: x",
        "Authorization: Bearer " + token("tok_ABC.def-123") + "\r\nHost: x", 1, {"tok_ABC.def-123"});
    row("Authorization JSON", "{\"Authorization\":\"Bearer xyz789\"}", "{\"Authorization\":\"Bearer " + token("xyz789") + "\"}",
        1, {"xyz789"});
    row("Authorization JSON spaced", "{\"authorization\": \"Bearer xyz789\"}",
        "{\"authorization\": \"Bearer " + token("xyz789") + "\"}", 1, {"xyz789"});
    row("authorization=", "authorization=plainsecret&x=1", "authorization=" + token("plainsecret") + "&x=1", 1,
        {"plainsecret"});
    row("Authorization Basic", "Authorization: Basic dXNlcjpwYXNz==", "Authorization: Basic " + token("dXNlcjpwYXNz=="), 1,
        {"dXNlcjpwYXNz=="});
    row("Authorization without scheme", "Authorization: rawtoken123", "Authorization: " + token("rawtoken123"), 1,
        {"rawtoken123"});
    row("Authorization Bearer sk-", "Authorization: Bearer " + kKey20, "Authorization: Bearer " + token(kKey20), 1, {kKey20});
    row("Proxy-Authorization", "Proxy-Authorization: Bearer pqr", "Proxy-Authorization: Bearer " + token("pqr"), 1, {"pqr"});
    row("Authorization in a JSON string", "{\"metadata\":\"{\\\"authorization\\\": \\\"Bearer nested42\\\"}\"}",
        "{\"metadata\":\"{\\\"authorization\\\": \\\"Bearer " + token("nested42") + "\\\"}\"}", 1, {"nested42"});
    row("Authorization in CSV doubled quotes", "1,\"{\"\"Authorization\"\":\"\"Bearer csv99\"\"}\"\n",
        "1,\"{\"\"Authorization\"\":\"\"Bearer " + token("csv99") + "\"\"}\"\n", 1, {"csv99"});
    row("authorization in prose", "authorization failed for user", "authorization failed for user", 0, {});
    row("unauthorization is not a header", "unauthorization: nothing", "unauthorization: nothing", 0, {});

    // Already redacted tokens are left alone.
    row("redacted key=", "?key=key#0123456789ab&x=1", "?key=key#0123456789ab&x=1", 0, {});
    row("redacted Bearer", "Authorization: Bearer key#0123456789ab", "Authorization: Bearer key#0123456789ab", 0, {});
    row("redacted JSON", "{\"Authorization\":\"Bearer key#0123456789ab\"}", "{\"Authorization\":\"Bearer key#0123456789ab\"}", 0,
        {});
    row("redacted bare", "used key#0123456789ab today", "used key#0123456789ab today", 0, {});

    // Nothing to do.
    row("empty", "", "", 0, {});
    row("plain csv", "request_id,model\nr1,gpt-4o\n", "request_id,model\nr1,gpt-4o\n", 0, {});
}

void TestSecretRedactor::redact()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QFETCH(int, count);
    QFETCH(QByteArrayList, secrets);

    qint64 n = -1;
    const QByteArray out = SecretRedactor::redact(input, &n);
    QCOMPARE(out, expected);
    QCOMPARE(n, qint64(count));
    QCOMPARE(SecretRedactor::containsSecret(input), count > 0);
    for (const QByteArray &secret : secrets)
        QVERIFY2(!out.contains(secret), secret.constData());
    // Redacting again changes nothing: tokens are not secrets.
    qint64 again = -1;
    QCOMPARE(SecretRedactor::redact(out, &again), out);
    QCOMPARE(again, qint64(0));
    QVERIFY(!SecretRedactor::containsSecret(out));
}

void TestSecretRedactor::sameSecretSameToken()
{
    const QByteArray in = "a " + kKey20 + " b ?key=" + kKey20 + " c Authorization: Bearer " + kKey20 + "\n" + kOther;
    qint64 n = 0;
    const QByteArray out = SecretRedactor::redact(in, &n);
    QCOMPARE(n, qint64(4));
    QCOMPARE(out.count(token(kKey20)), 3);
    QCOMPARE(out.count(token(kOther)), 1);
    QVERIFY(!out.contains("sk-"));
    QCOMPARE(out, "a " + token(kKey20) + " b ?key=" + token(kKey20) + " c Authorization: Bearer " + token(kKey20) + "\n"
                      + token(kOther));
    // Separate calls give the same token.
    QCOMPARE(SecretRedactor::redact(kKey20, nullptr), SecretRedactor::redact(kKey20, nullptr));
}

void TestSecretRedactor::countAndNullCount()
{
    QCOMPARE(SecretRedactor::redact("x " + kKey20, nullptr), "x " + token(kKey20));
    QCOMPARE(SecretRedactor::redact("nothing", nullptr), QByteArray("nothing"));
    qint64 n = 99;
    (void)SecretRedactor::redact("nothing", &n);
    QCOMPARE(n, qint64(0));
}

void TestSecretRedactor::largeInput()
{
    // Ten thousand log lines with a key in every tenth: all found, none left.
    QByteArray in;
    int keys = 0;
    for (int i = 0; i < 10000; ++i) {
        in += "line " + QByteArray::number(i) + ",";
        if (i % 10 == 0) {
            in += "sk-live" + QByteArray::number(1000000000000000LL + i) + ",";
            ++keys;
        }
        in += "task-" + QByteArray(30, 'x') + "\n";
    }
    qint64 n = 0;
    const QByteArray out = SecretRedactor::redact(in, &n);
    QCOMPARE(n, qint64(keys));
    QVERIFY(!out.contains("sk-live"));
    QCOMPARE(out.count("key#"), keys);
    QCOMPARE(out.count("task-"), 10000);
    QVERIFY(out.contains(token("sk-live" + QByteArray::number(1000000000000000LL + 9990))));
}

void TestSecretRedactor::everyBlockOffset()
{
    // The scan skips 16-byte blocks without a trigger ('-' of "sk-", '=' of "key=", "iz" of
    // "authorization"): a secret of each kind at every offset across two blocks, at the end of the
    // input and cut off by it, is found exactly as at the start.
    struct Kind
    {
        QByteArray before, secret, after;
    };
    const Kind kinds[] = {
        {"", kKey20, ""},
        {"?KEY=", "s3cr3tvalue", ""},
        {"Authorization: Bearer ", "tok_abcdef123", ""},
        {"{\"authorization\":\"", "rawtoken99", "\"}"},
    };
    const QByteArray filler = "lorem ipsum dolor, sit amet. ";
    for (const Kind &k : kinds) {
        for (int offset = 0; offset < 40; ++offset) {
            for (int tail : {0, 1, 7, 15, 16, 17, 40}) {
                const QByteArray head = filler.repeated(3).left(offset) + ' ';
                const QByteArray rest = ' ' + filler.repeated(3).left(tail);
                const QByteArray in = head + k.before + k.secret + k.after + rest;
                qint64 n = 0;
                const QByteArray out = SecretRedactor::redact(in, &n);
                QCOMPARE(n, qint64(1));
                QCOMPARE(out, head + k.before + token(k.secret) + k.after + rest);
                QVERIFY(SecretRedactor::containsSecret(in));
                QVERIFY(!SecretRedactor::containsSecret(out));
            }
        }
    }
    // Triggers without a secret: nothing found at any offset.
    for (int offset = 0; offset < 40; ++offset) {
        const QByteArray in = filler.left(offset) + " a-b=c task-sk authorize lazy pizza " + filler.left(offset);
        QCOMPARE(SecretRedactor::redact(in, nullptr), in);
        QVERIFY(!SecretRedactor::containsSecret(in));
    }
}

QTEST_GUILESS_MAIN(TestSecretRedactor)
#include "tst_secretredactor.moc"
