package io.mooring.server.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mooring.server.account.Principal;
import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.CallerClaims;
import io.mooring.server.platform.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Issues XSUAA-shaped access tokens, signed with the active signing key. */
@Component
class TokenIssuer {
    private final SigningKeys signingKeys;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration validity;
    private final String issuer;

    TokenIssuer(SigningKeys signingKeys, IdGenerator ids, Clock clock, MooringProperties properties) {
        this.signingKeys = requireNonNull(signingKeys, "signingKeys");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
        this.validity = properties.tokens().accessTokenValidity();
        this.issuer = properties.tokens().issuer();
    }

    IssuedToken issue(Principal principal, String grantType) {
        Instant now = clock.instant();
        Instant expires = now.plus(validity);
        String jti = ids.newId().toString();
        List<String> scopes =
                principal.roles().stream().map(Role::scope).sorted().toList();
        Optional<Principal.Binding> binding = principal.bound();
        Map<String, Object> externalAttributes = new LinkedHashMap<>();
        externalAttributes.put("enhancer", "XSUAA");
        externalAttributes.put(
                CallerClaims.GLOBAL_ACCOUNT_ID, principal.globalAccountId().toString());
        externalAttributes.put("zdn", binding.map(Principal.Binding::subdomain).orElse("mooring"));
        binding.ifPresent(bound -> {
            externalAttributes.put(
                    CallerClaims.SUBACCOUNT_ID, bound.service().subaccountId().toString());
            externalAttributes.put(
                    CallerClaims.SERVICE_INSTANCE_ID,
                    bound.service().instanceId().toString());
            externalAttributes.put(
                    CallerClaims.SERVICE_OFFERING, bound.service().offering());
        });
        String zone = binding.map(bound -> bound.service().subaccountId())
                .orElse(principal.globalAccountId())
                .toString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(principal.subject())
                .audience(List.of("mooring"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(jti)
                .claim("zid", zone)
                .claim(CallerClaims.EXTERNAL_ATTRIBUTES, externalAttributes)
                .claim("grant_type", grantType)
                .claim(CallerClaims.SCOPE, scopes)
                .claim(CallerClaims.PRINCIPAL_TYPE, principal.type().claimValue())
                .claim(CallerClaims.PRINCIPAL_NAME, principal.name());
        if (principal.type() == Caller.PrincipalType.USER) {
            claims.claim("user_name", principal.name())
                    .claim("user_id", principal.subject())
                    .claim("origin", "mooring");
        }
        String clientId = binding.map(Principal.Binding::clientId).orElse(principal.subject());
        if (principal.type() != Caller.PrincipalType.USER || binding.isPresent()) {
            claims.claim("client_id", clientId).claim("cid", clientId).claim("azp", clientId);
        }
        return new IssuedToken(sign(claims.build()), validity.toSeconds(), String.join(" ", scopes), jti);
    }

    private String sign(JWTClaimsSet claims) {
        SigningKeys.ActiveKey key = signingKeys.activeKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.kid())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing with key " + key.kid() + " failed", e);
        }
        return jwt.serialize();
    }

    /** A signed token and what the token endpoint says about it. */
    record IssuedToken(String accessToken, long expiresIn, String scope, String jti) {}
}
