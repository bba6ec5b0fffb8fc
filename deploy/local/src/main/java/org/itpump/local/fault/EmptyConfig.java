package org.itpump.local.fault;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * smallrye-jwt-build reads optional defaults through MicroProfile Config, and the launcher's runtime classpath
 * carries the API but no implementation (the tests get one from chassis-testing), so signing a development token
 * outside a test fails with "No ConfigProviderResolver implementation found". This installs an empty one when
 * none is present: every property is absent, so the builder's defaults apply.
 */
final class EmptyConfig implements Config {

    static void installIfMissing() {
        try {
            ConfigProviderResolver.instance();
        } catch (IllegalStateException none) {
            ConfigProviderResolver.setInstance(new ConfigProviderResolver() {
                private final Config config = new EmptyConfig();

                @Override
                public Config getConfig() {
                    return config;
                }

                @Override
                public Config getConfig(ClassLoader loader) {
                    return config;
                }

                @Override
                public ConfigBuilder getBuilder() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void registerConfig(Config config, ClassLoader classLoader) {
                }

                @Override
                public void releaseConfig(Config config) {
                }
            });
        }
    }

    @Override
    public <T> T getValue(String propertyName, Class<T> propertyType) {
        throw new NoSuchElementException(propertyName);
    }

    @Override
    public ConfigValue getConfigValue(String propertyName) {
        return new ConfigValue() {
            public String getName() { return propertyName; }
            public String getValue() { return null; }
            public String getRawValue() { return null; }
            public String getSourceName() { return null; }
            public int getSourceOrdinal() { return 0; }
        };
    }

    @Override
    public <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType) {
        return Optional.empty();
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return List.of();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException(type.getName());
    }
}
