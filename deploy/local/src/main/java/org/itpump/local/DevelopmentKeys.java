package org.itpump.local;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * A key pair made for one local run, never committed and never used in production (which takes its issuer and
 * keys from the hospital's OIDC provider): the services verify tokens with its public key, and the launcher
 * signs development tokens with its private key.
 */
public final class DevelopmentKeys {

    public static final String ISSUER = "https://itpump.local/dev";
    /** How long a development token is valid (the services are told to accept tokens this old). */
    public static final Duration LIFETIME = Duration.ofHours(12);
    /**
     * Every service checks that a token names it in "aud": a development token names all four, the ops console and
     * the integration gateway (its FHIR API).
     */
    public static final Set<String> AUDIENCE = Set.of("trial-service", "implant-service", "dosing-service", "followup-service",
            "ops-console", "integration-gateway");

    private final KeyPair keys;
    private final Path publicKeyFile;
    private final Path privateKeyFile;

    private DevelopmentKeys(KeyPair keys, Path publicKeyFile, Path privateKeyFile) {
        this.keys = keys;
        this.publicKeyFile = publicKeyFile;
        this.privateKeyFile = privateKeyFile;
    }

    public static DevelopmentKeys generate(Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            Files.createDirectories(directory);
            Path publicKey = directory.resolve("public-key.pem");
            Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            // The ops console's development sign-in signs its users' tokens with it (its "local" profile only);
            // readable by this user alone, and gone with the run's directory.
            Path privateKey = directory.resolve("private-key.pem");
            Files.deleteIfExists(privateKey);
            Files.createFile(privateKey, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateKey, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return new DevelopmentKeys(keys, publicKey, privateKey);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** PKCS#8 PEM of this run's private key, for the ops console's development sign-in. */
    public Path privateKeyFile() {
        return privateKeyFile;
    }

    /** A bearer token for a development user with these roles, for every service, valid for 12 hours. */
    public String token(String user, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(user).groups(Set.of(roles)).expiresIn(LIFETIME)
                .sign(keys.getPrivate());
    }
}
