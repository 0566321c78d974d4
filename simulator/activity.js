// The MongoDB activity simulator of the docker compose stack (profile mongodb): the same activity as
// simulator/activity.sql, as documents with a nested device, five times a second; about one in ten breaks a rule.
db = db.getSiblingDB("app");
const types = ["login", "logout", "purchase", "profile_update"];
while (true) {
  const type = types[Math.floor(Math.random() * 4)];
  const userId = 1 + Math.floor(Math.random() * 5000);
  const defect = Math.random() < 0.1 ? Math.floor(Math.random() * 5) : null;
  db.user_activities.insertOne({
    user_id: defect === 0 ? null : userId,
    activity_type: defect === 1 ? "unknown_action" : type,
    amount: defect === 2 ? -5 : defect === 3 ? null : type === "purchase" ? Math.round(Math.random() * 49900) / 100 : null,
    email: defect === 4 ? "not-an-email" : "user" + userId + "@example.com",
    device: { os: ["android", "ios", "web"][Math.floor(Math.random() * 3)] },
    created_at: new Date()
  });
  if (Math.random() < 0.3) {
    const recent = db.user_activities.find().sort({ _id: -1 }).skip(Math.floor(Math.random() * 20)).limit(1).next();
    if (recent) db.user_activities.updateOne({ _id: recent._id }, { $set: { email: "user" + recent.user_id + "+1@example.com" } });
  }
  if (Math.random() < 0.05) {
    const old = db.user_activities.find().sort({ _id: -1 }).skip(20 + Math.floor(Math.random() * 20)).limit(1).next();
    if (old) db.user_activities.deleteOne({ _id: old._id });
  }
  sleep(200);
}
