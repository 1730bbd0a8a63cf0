package com.contactcenter.reports.webhook;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who is calling: the connection's peer, or, when the peer is a configured trusted proxy (Gupshup's calls arrive
 * through the platform's load balancer), the nearest address in {@code X-Forwarded-For} that is not itself a
 * trusted proxy. Each proxy appends the address it received the request from, so only the entries added by
 * trusted proxies can be believed; anything before them is whatever the client chose to send. Thread-safe.
 */
public final class ClientAddresses {
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Network> trustedProxies;

    private ClientAddresses(List<Network> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /**
     * @param trustedProxies comma-separated IP addresses and CIDR blocks ({@code 10.0.0.0/8}); empty trusts none
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static ClientAddresses trusting(String trustedProxies) {
        List<Network> networks = new ArrayList<>();
        for (String entry : trustedProxies.split(",")) {
            if (!entry.isBlank()) {
                networks.add(Network.parse(entry.strip()));
            }
        }
        return new ClientAddresses(Collections.unmodifiableList(networks));
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trustedProxies.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> forwarded = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
            for (String hop : header.split(",")) {
                forwarded.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(forwarded.get(i));
            if (hop == null) {
                break; // not an address: what lies before it cannot be trusted either
            }
            client = hop.getHostAddress();
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && isTrusted(parsed);
    }

    private boolean isTrusted(InetAddress address) {
        for (Network network : trustedProxies) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The address written as a literal, or null: a name is never looked up (that would be a DNS query per hop). */
    static InetAddress literal(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException malformed) {
            return null;
        }
    }

    /** An address block, {@code address/prefix}. */
    private static final class Network {
        final byte[] address;
        final int prefix;

        Network(byte[] address, int prefix) {
            this.address = address;
            this.prefix = prefix;
        }

        static Network parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address != null) {
                int bits = address.getAddress().length * 8;
                try {
                    int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
                    if (prefix >= 0 && prefix <= bits) {
                        return new Network(address.getAddress(), prefix);
                    }
                } catch (NumberFormatException notANumber) {
                    // reported below
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not an IP address or a CIDR block");
        }

        boolean contains(InetAddress candidate) {
            byte[] bytes = candidate.getAddress();
            if (bytes.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[full] & mask) == (address[full] & mask);
        }
    }
}
