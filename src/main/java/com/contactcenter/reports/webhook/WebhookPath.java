package com.contactcenter.reports.webhook;

import com.contactcenter.reports.channel.ChannelAddress;
import com.contactcenter.reports.failure.NotFoundException;

/** Reads {@code {whatsAppBsp}} and {@code {channelId}} from the path {@code /on/whatsapp/{bsp}/message/{id}}. */
final class WebhookPath {
    /** The request attribute under which the filter hands the authenticated channel to the servlet. */
    static final String AUTHENTICATED_CHANNEL = WebhookPath.class.getName() + ".channel";

    private WebhookPath() {
    }

    /**
     * @param requestUri the path as the client sent it, still encoded
     * @param pathInfo the path after the servlet's {@code /on} mapping, already decoded and normalized by the
     *     container
     */
    static ChannelAddress parse(String requestUri, String pathInfo) {
        // The container strips path parameters (";x=y", RFC 3986 section 3.3) from pathInfo; refuse them rather
        // than let "/message/1;x=y" pass for channel 1.
        if (requestUri == null || requestUri.indexOf(';') >= 0) {
            throw new NotFoundException("no such endpoint: use /on/whatsapp/{whatsAppBsp}/message/{channelId}");
        }
        String[] segments = pathInfo == null ? new String[0] : pathInfo.split("/", -1);
        // "", "whatsapp", bsp, "message", channelId
        if (segments.length != 5 || !segments[0].isEmpty() || !"whatsapp".equals(segments[1])
                || !"message".equals(segments[3])) {
            throw new NotFoundException("no such endpoint: use /on/whatsapp/{whatsAppBsp}/message/{channelId}");
        }
        if (!ChannelAddress.SUPPORTED_BSPS.contains(segments[2])) {
            throw new NotFoundException("unsupported integrator; supported: " + ChannelAddress.SUPPORTED_BSPS);
        }
        return ChannelAddress.of(segments[2], segments[4])
                .orElseThrow(() -> new NotFoundException("no such channel id"));
    }
}
