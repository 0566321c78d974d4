// The MongoDB reference collection (docker compose profile mongodb): pre-images on, so updates and deletes carry the
// document before the change (capture.mode change_streams_update_full_with_pre_image).
db = db.getSiblingDB("app");
if (!db.getCollectionNames().includes("user_activities")) {
  db.createCollection("user_activities", { changeStreamPreAndPostImages: { enabled: true } });
}
