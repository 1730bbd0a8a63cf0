package com.contactcenter.reports.channel;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which channel of which integrator (BSP) a request is for; valid by construction.
 *
 * @param bsp the integrator, {@code {whatsAppBsp}} in the interface's path, lower case
 * @param channelId the channel's id, {@code {channelId}} in the path
 */
public record ChannelAddress(String bsp, String channelId) {
    /** The integrators whose report formats the receiver understands. */
    public static final Set<String> SUPPORTED_BSPS = Set.of("gupshup");

    // Letters, digits and . _ - after a leading letter or digit: the interface's ids are numeric, and this keeps
    // dot segments, separators and parameters (";") out of a key that is stored and logged.
    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The address, or empty when the integrator is not supported or the channel id is not a valid id. */
    public static Optional<ChannelAddress> of(String bsp, String channelId) {
        if (bsp == null || channelId == null || !SUPPORTED_BSPS.contains(bsp)
                || !CHANNEL_ID.matcher(channelId).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ChannelAddress(bsp, channelId));
    }

    @Override
    public String toString() {
        return bsp + "/" + channelId;
    }
}
