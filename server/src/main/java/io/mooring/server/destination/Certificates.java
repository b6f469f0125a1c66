package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.destination.query.DestinationFilter;
import io.mooring.server.platform.crypto.SecretBox;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Certificates of one owner, their contents sealed at rest. */
@Service
public class Certificates {
    private final CertificateStore store;
    private final SecretBox secretBox;
    private final AuditLog auditLog;
    private final IdGenerator ids;
    private final Clock clock;

    Certificates(CertificateStore store, SecretBox secretBox, AuditLog auditLog, IdGenerator ids, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.secretBox = requireNonNull(secretBox, "secretBox");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
    }

    @Transactional
    public Certificate create(Caller caller, DestinationOwner owner, @Nullable Map<String, ?> body) {
        Upload upload = upload(body);
        if (store.find(owner, upload.name()).isPresent()) {
            throw nameTaken(owner, upload.name());
        }
        var certificate = new Certificate(
                ids.newId(), owner, upload.name(), CertificateContent.TYPE, upload.content(), 1, clock.instant());
        try {
            store.insert(toRow(certificate));
        } catch (DuplicateKeyException e) {
            throw nameTaken(owner, upload.name());
        }
        auditLog.changed(caller, "certificate.create", "certificate", certificate.id(), describe(owner, upload.name()));
        return certificate;
    }

    /** Creates all certificates or, when one is refused, none. */
    @Transactional
    public void createAll(Caller caller, DestinationOwner owner, List<? extends Map<String, ?>> bodies) {
        bodies.forEach(body -> create(caller, owner, body));
    }

    @Transactional
    public Certificate replace(Caller caller, DestinationOwner owner, @Nullable Map<String, ?> body) {
        Upload upload = upload(body);
        Certificate current = get(owner, upload.name());
        var replaced = new Certificate(
                current.id(),
                owner,
                current.name(),
                CertificateContent.TYPE,
                upload.content(),
                current.version() + 1,
                current.createdAt());
        store.update(toRow(replaced));
        auditLog.changed(caller, "certificate.update", "certificate", current.id(), describe(owner, current.name()));
        return replaced;
    }

    @Transactional(readOnly = true)
    public Certificate get(DestinationOwner owner, String name) {
        return store.find(owner, name)
                .map(this::fromRow)
                .orElseThrow(() -> MooringProblem.of(
                        ProblemType.NOT_FOUND,
                        "There is no certificate named '" + name + "' in " + owner.describe() + "."));
    }

    @Transactional(readOnly = true)
    public List<Certificate> list(DestinationOwner owner, @Nullable DestinationFilter filter) {
        return store.list(owner).stream()
                .filter(row -> filter == null || filter.matches(Map.of("Name", row.name(), "Type", row.type())))
                .map(this::fromRow)
                .toList();
    }

    @Transactional
    public void delete(Caller caller, DestinationOwner owner, String name) {
        Certificate current = get(owner, name);
        store.delete(owner.ownerId(), name);
        auditLog.changed(caller, "certificate.delete", "certificate", current.id(), describe(owner, name));
    }

    @Transactional
    public Map<String, Boolean> deleteAll(Caller caller, DestinationOwner owner, DestinationFilter filter) {
        Map<String, Boolean> deleted = new LinkedHashMap<>();
        filter.exactNames().ifPresent(names -> names.forEach(name -> deleted.put(name, false)));
        for (Certificate certificate : list(owner, filter)) {
            store.delete(owner.ownerId(), certificate.name());
            auditLog.changed(
                    caller, "certificate.delete", "certificate", certificate.id(), describe(owner, certificate.name()));
            deleted.put(certificate.name(), true);
        }
        return deleted;
    }

    /** The certificate an application asks for: its instance's of that name, else its subaccount's. */
    @Transactional(readOnly = true)
    public Optional<Certificate> find(DestinationOwner instance, String name) {
        Optional<Certificate> own = store.find(instance, name).map(this::fromRow);
        if (own.isPresent() || !instance.isInstanceLevel()) {
            return own;
        }
        return store.find(instance.subaccountLevel(), name).map(this::fromRow);
    }

    @Transactional
    public void deleteOwner(DestinationOwner owner) {
        store.deleteAll(owner.ownerId());
    }

    private CertificateStore.Row toRow(Certificate certificate) {
        return new CertificateStore.Row(
                certificate.id(),
                certificate.owner(),
                certificate.name(),
                certificate.type(),
                secretBox.sealText(
                        certificate.content(), context(certificate.owner().ownerId(), certificate.id())),
                certificate.version(),
                certificate.createdAt());
    }

    private Certificate fromRow(CertificateStore.Row row) {
        return new Certificate(
                row.id(),
                row.owner(),
                row.name(),
                row.type(),
                secretBox.openText(row.sealedContent(), context(row.owner().ownerId(), row.id())),
                row.version(),
                row.createdAt());
    }

    static String context(UUID ownerId, UUID id) {
        return "certificate:" + ownerId + ":" + id;
    }

    private static Upload upload(@Nullable Map<String, ?> body) {
        if (body == null
                || !(body.get("Name") instanceof String name)
                || !(body.get("Content") instanceof String content)) {
            throw MooringProblem.invalidInput(
                    "A certificate needs 'Name' (with an extension such as .p12 or .pem) and 'Content' (the file in "
                            + "base64), e.g. {\"Name\":\"client.p12\",\"Type\":\"CERTIFICATE\",\"Content\":\"MIIK...\"}.");
        }
        CertificateContent.check(name, content);
        return new Upload(name, content.replaceAll("\\s", ""));
    }

    private static MooringProblem nameTaken(DestinationOwner owner, String name) {
        return MooringProblem.of(
                ProblemType.NAME_TAKEN,
                "A certificate named '" + name + "' already exists in " + owner.describe()
                        + "; replace it with PUT or choose another name.");
    }

    private static String describe(DestinationOwner owner, String name) {
        return name + " in " + owner.describe();
    }

    private record Upload(String name, String content) {}
}
