/** The scanner's words as a test page would send them (the real ones come from the i18n catalogue, data-msgs). */
import type { ScannerMessages } from "../../client/scanner/answers";

export const msgs: ScannerMessages = {
  offline: "Offline: disimpan",
  offlineOk: "Tiket sah (offline)",
  offlineDuplicate: "Sudah masuk (offline)",
  offlineDuplicateAt: "Sudah masuk pukul {time} (di HP ini)",
  provisionalDuplicate: "Sudah masuk (sementara) pukul {time}",
  offlineUnknown: "Tidak ada di daftar HP ini. Periksa KTP: izinkan masuk?",
  offlineNoList: "HP ini belum punya daftar tiket. Periksa KTP: izinkan masuk?",
  provisionalOk: "Masuk sementara",
  listSize: "{n} tiket, {time}",
  preparing: "Menyiapkan",
  signedOut: "Sesi berakhir",
  deviceRevoked: "Dicabut",
  deviceSignedOut: "Dikeluarkan",
  unsentLost: "{n} tidak terkirim",
  unsent: "{n} belum terkirim",
  signOutOffline: "Belum bisa keluar",
  conflict: "Konflik: {message}",
  pending: "{n} pindaian menunggu dikirim",
  ready: "Siap",
  cameraUnavailable: "Kamera tidak tersedia",
  noResults: "Tidak ada",
  inside: "di dalam",
  checkinButton: "Check-in",
};
