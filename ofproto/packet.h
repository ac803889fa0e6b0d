/* Packet formats: placeholder, see packet.c. */
#ifndef OFPROTO_PACKET_H
#define OFPROTO_PACKET_H 1
#endif
