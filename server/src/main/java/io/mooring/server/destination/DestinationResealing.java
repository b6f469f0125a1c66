package io.mooring.server.destination;

import io.mooring.server.platform.crypto.BatchResealer;
import io.mooring.server.platform.crypto.SecretBox;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** Destination secrets and certificate contents sealed again after a key rotation. */
@Configuration(proxyBeanMethods = false)
class DestinationResealing {
    @Bean
    BatchResealer destinationSecrets(DestinationStore store, SecretBox secretBox, PlatformTransactionManager tx) {
        return new BatchResealer(secretBox, tx) {
            @Override
            public String kind() {
                return "destinations";
            }

            @Override
            protected List<SealedValue> batchAfter(@Nullable UUID after, int limit) {
                return store.sealedSecrets(after, limit).stream()
                        .map(row -> new SealedValue(
                                row.id(), DestinationCodec.context(row.ownerId(), row.id()), row.sealed()))
                        .toList();
            }

            @Override
            protected void replace(UUID id, String before, String after) {
                store.reseal(id, before, after);
            }
        };
    }

    @Bean
    BatchResealer certificateContents(CertificateStore store, SecretBox secretBox, PlatformTransactionManager tx) {
        return new BatchResealer(secretBox, tx) {
            @Override
            public String kind() {
                return "destination certificates";
            }

            @Override
            protected List<SealedValue> batchAfter(@Nullable UUID after, int limit) {
                return store.sealedContents(after, limit).stream()
                        .map(row ->
                                new SealedValue(row.id(), Certificates.context(row.ownerId(), row.id()), row.sealed()))
                        .toList();
            }

            @Override
            protected void replace(UUID id, String before, String after) {
                store.reseal(id, before, after);
            }
        };
    }
}
