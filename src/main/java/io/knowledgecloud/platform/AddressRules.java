package io.knowledgecloud.platform;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Which hosts and addresses an outbound request must not reach: everything that is not plainly a
 * public unicast address. Embedded IPv4 addresses (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are
 * judged by the IPv4 rules, so {@code [::ffff:127.0.0.1]} is loopback.
 */
final class AddressRules {

	/** A host made only of numbers, in any of the forms {@code inet_aton} accepts (decimal, octal, hex, 1–4 parts). */
	private static final Pattern NUMERIC = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*");
	private static final Pattern CANONICAL_V4 = Pattern
		.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

	private AddressRules() {
	}

	/**
	 * Refuses by name, before any DNS look-up: {@code localhost} and its subdomains (RFC 6761), and
	 * numeric hosts not written as dotted decimal ({@code 2130706433}, {@code 0177.0.0.1},
	 * {@code 0x7f000001}), which resolvers read in different ways.
	 */
	static @Nullable String refusalOfName(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		if (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		if (name.equals("localhost") || name.endsWith(".localhost")) {
			return "host " + host + " is a loopback name";
		}
		if (NUMERIC.matcher(name).matches() && !CANONICAL_V4.matcher(name).matches()) {
			return "host " + host + " is a numeric address not in dotted-decimal form";
		}
		return null;
	}

	/** Why {@code address} must not be contacted, or null when it is a public unicast address. */
	static @Nullable String refusal(InetAddress address) {
		byte[] b = address.getAddress();
		String why = b.length == 4 ? ipv4(b, 0) : ipv6(b);
		return why == null ? null : address.getHostAddress() + " is " + why;
	}

	private static @Nullable String ipv4(byte[] bytes, int at) {
		int a = bytes[at] & 0xff;
		int b = bytes[at + 1] & 0xff;
		if (a == 0) {
			return "unspecified (0.0.0.0/8)";
		}
		if (a == 127) {
			return "loopback";
		}
		if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
			return "private";
		}
		if (a == 169 && b == 254) {
			return "link-local (cloud metadata lives here)";
		}
		if (a == 100 && (b & 0xc0) == 64) {
			return "carrier-grade NAT (100.64.0.0/10)";
		}
		if (a >= 224 && a <= 239) {
			return "multicast";
		}
		if (a >= 240 || (a == 192 && b == 0 && (bytes[at + 2] & 0xff) == 0) || (a == 198 && (b & 0xfe) == 18)) {
			return "reserved";
		}
		return null;
	}

	private static @Nullable String ipv6(byte[] b) {
		if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
			return embedded("IPv4-mapped", b, 12);
		}
		if (zero(b, 0, 12)) {
			if (zero(b, 12, 15)) {
				return b[15] == 0 ? "unspecified (::)" : b[15] == 1 ? "loopback" : "reserved";
			}
			return embedded("IPv4-compatible", b, 12);
		}
		int first = b[0] & 0xff;
		int second = b[1] & 0xff;
		if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
			return embedded("NAT64", b, 12);
		}
		if (first == 0x20 && second == 0x02) {
			return embedded("6to4", b, 2);
		}
		if ((first & 0xfe) == 0xfc) {
			return "unique local (fc00::/7)";
		}
		if (first == 0xfe && (second & 0xc0) == 0x80) {
			return "link-local (fe80::/10)";
		}
		if (first == 0xfe && (second & 0xc0) == 0xc0) {
			return "site-local (fec0::/10)";
		}
		if (first == 0xff) {
			return "multicast";
		}
		return null;
	}

	private static @Nullable String embedded(String form, byte[] b, int at) {
		String why = ipv4(b, at);
		return why == null ? null : form + " " + why;
	}

	private static boolean zero(byte[] b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return true;
	}
}
