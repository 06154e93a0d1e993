// SPDX-License-Identifier: Apache-2.0
#include "core/fetch/observationfile.h"

#include "core/util/jsonwriter.h"
#include "core/util/sha256.h"
#include "core/util/timeutil.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace tl {

namespace {

void writeValue(JsonWriter &w, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool: w.boolean(v.toBool()); break;
    case QJsonValue::Double: w.number(static_cast<long long>(std::llround(v.toDouble()))); break; // counts only
    case QJsonValue::String: w.string(v.toString()); break;
    case QJsonValue::Array:
        w.beginArray();
        for (const QJsonValue &e : v.toArray())
            writeValue(w, e);
        w.endArray();
        break;
    case QJsonValue::Object: {
        w.beginObject();
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QByteArray k = it.key().toUtf8();
            w.key(std::string_view(k.constData(), static_cast<std::size_t>(k.size())));
            writeValue(w, it.value());
        }
        w.endObject();
        break;
    }
    default: w.null(); break;
    }
}

QString shellQuote(const QString &s)
{
    for (const QChar c : s)
        if (!(c.isLetterOrNumber() || QStringLiteral("-_./:=+@%").contains(c)))
            return QLatin1Char('\'') + QString(s).replace(QLatin1String("'"), QLatin1String("'\\''")) + QLatin1Char('\'');
    return s;
}

} // namespace

QString ObservationFile::importCommand(const FetchResult &r, const QString &path)
{
    return QStringLiteral("tokenledger-cli import %1 --kind provider --format %2 --observed-at %3")
        .arg(shellQuote(path), r.format, timeutil::formatUtc(r.observedAt));
}

QByteArray ObservationFile::sidecarJson(const FetchResult &r, const QString &fileName)
{
    JsonWriter w;
    w.beginObject();
    w.field("observed_at", timeutil::formatUtc(r.observedAt));
    w.fieldOrNull("started_at", timeutil::formatUtc(r.startedAt));
    w.field("kind", "provider");
    w.field("format", r.format);
    w.field("file", fileName);
    w.field("sha256", Sha256::hex(r.body));
    w.field("size", static_cast<long long>(r.body.size()));
    w.field("source", r.source);
    w.field("requests", r.requests);
    w.field("http_attempts", r.attempts);
    w.key("summary");
    w.beginObject();
    for (const auto &[k, v] : r.summary) {
        const QByteArray key = k.toUtf8();
        w.key(std::string_view(key.constData(), static_cast<std::size_t>(key.size())));
        writeValue(w, v);
    }
    w.endObject();
    w.field("import_command", importCommand(r, fileName));
    w.field("fetched_by", QStringLiteral("tokenledger " TOKENLEDGER_VERSION " (" TOKENLEDGER_COMMIT ")"));
    w.endObject();
    return w.data();
}

bool ObservationFile::write(const FetchResult &r, const QString &path, QString *error)
{
    if (!r.ok()) {
        *error = QStringLiteral("%1: not written: the fetch failed").arg(path);
        return false;
    }
    const QString side = sidecarPath(path);
    QSaveFile body(path), meta(side);
    const QByteArray sideBytes = sidecarJson(r, QFileInfo(path).fileName());
    if (!body.open(QIODevice::WriteOnly) || body.write(r.body) != r.body.size()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, body.errorString());
        body.cancelWriting();
        return false;
    }
    if (!meta.open(QIODevice::WriteOnly) || meta.write(sideBytes) != sideBytes.size()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(side, meta.errorString());
        body.cancelWriting();
        meta.cancelWriting();
        return false;
    }
    if (!body.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, body.errorString());
        meta.cancelWriting();
        return false;
    }
    if (!meta.commit()) {
        *error = QStringLiteral("%1: cannot write: %2; %3 removed again").arg(side, meta.errorString(), path);
        QFile::remove(path);
        return false;
    }
    return true;
}

bool ObservationFile::readObservedAt(const QString &sidecar, UtcMicros *out, QString *error)
{
    QFile f(sidecar);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(sidecar, f.errorString());
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    const QByteArray t = doc.object().value(QLatin1String("observed_at")).toString().toUtf8();
    QString why;
    if (pe.error != QJsonParseError::NoError || t.isEmpty()
        || !timeutil::parseTimestamp(std::string_view(t.constData(), static_cast<std::size_t>(t.size())), nullptr, out, &why)) {
        *error = QStringLiteral("%1: $.observed_at: expected a UTC timestamp%2").arg(sidecar, why.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(why));
        return false;
    }
    return true;
}

} // namespace tl
