package dev.latchkey.bootstrap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * The Internet's answer for example.com (IANA's documentation domain), which this machine cannot ask:
 * the document's examples name it (a webhook endpoint), and Latchkey resolves a webhook's host when it
 * is registered. It resolves to loopback, which the tests' settings allow; every other name is
 * resolved by the JDK as usual. Installed for the test JVM by META-INF/services.
 */
public final class ExampleDotComResolver extends InetAddressResolverProvider {
    static final String HOST = "example.com";

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver system = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (HOST.equalsIgnoreCase(host)) {
                    return Stream.of(InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1}));
                }
                return system.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return system.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "example.com for the document's examples";
    }
}
