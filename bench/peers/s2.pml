/*
 * The canonical S2 world (digest S2; draft-ietf-mimi-protocol-06 §3.5, §5.3-5.6, §9) as a Promela
 * model for SPIN, for bench/peers only: hub a.example (malicious: injectAdd, admitJoin, budget 2)
 * with alice (group_admin, member) and its colluding user eve; follower b.example with bob
 * (ordinary_user, member); at most MAXSTEPS steps, each taken only when the network is quiet;
 * per-link FIFO delivery, no loss. SERVICE=1 is policy=service (clients trust the participant list
 * their provider sends), SERVICE=0 is policy=mls (clients validate against the GroupContext).
 * bench/peers/README.md gives the correspondence with mimi-sim's model and what is abstracted.
 */
#ifndef MAXSTEPS
#define MAXSTEPS 3
#endif
#ifndef SERVICE
#define SERVICE 1
#endif
#define ALICE 0
#define BOB 1
#define EVE 2

mtype = { PROP, COMMIT, APP, WELCOME, UPD, UPDOK, UPDNO, SUB, SUBOK, GIREQ, GIOK, GINO };

/* links: hub->alice, hub->b.example, b.example->bob, bob->b.example, b.example->hub, alice->hub, hub->eve, eve->hub */
chan hA = [6] of { mtype, byte, byte };
chan hF = [6] of { mtype, byte, byte };
chan fB = [6] of { mtype, byte, byte };
chan bF = [6] of { mtype, byte, byte };
chan fH = [6] of { mtype, byte, byte };
chan aH = [6] of { mtype, byte, byte };
chan hE = [6] of { mtype, byte, byte };
chan eH = [6] of { mtype, byte, byte };

byte hEpoch = 1;        /* the room's epoch at the hub */
bool hEve = false;      /* the hub lists eve as a participant */
bool hMemEve = false;   /* eve's client is a member, as the hub sees it */
byte used = 0;          /* adversary budget spent */
byte steps = 0;
byte ep[3];             /* each client's epoch */
bool in[3];             /* each client is in the group */
bool fork[3];           /* each client is on a history the others do not share */
bool pend[3];           /* each client holds the injected Add of eve as pending */
bool acl[3];            /* the participant list its provider last sent lists eve (policy=service) */
byte busy[3];           /* 0 idle; 1 waiting for its update's answer; 2 same, then send; 3 message submitted; 4 groupInfo asked; 5 external commit sent */
bool leak = false;      /* eve decrypted an application message: noEavesdropper violated */

#define quiet (len(hA) == 0 && len(hF) == 0 && len(fB) == 0 && len(bF) == 0 && len(fH) == 0 && len(aH) == 0 && len(hE) == 0 && len(eH) == 0)

/* A member's validator for a change adding eve: service trusts the provider's list; mls refuses. */
#define accepts(i) (i == EVE || (SERVICE && acl[i]))

/* Hub fanout of one item to every member except `skip` (alice directly; bob via b.example; eve directly). */
inline fanout(kind, x, y, who) {
  if :: in[ALICE] && who != ALICE -> hA!kind, x, y :: else -> skip fi;
  if :: in[BOB] && who != BOB -> hF!kind, x, y :: else -> skip fi;
  if :: hMemEve && who != EVE -> hE!kind, x, y :: else -> skip fi
}

/* The hub handles an update (a commit) from client c at epoch e; x = 1 adds eve, 2 is eve's external commit. */
inline hubUpdate(c, e, x) {
  if
  :: e == hEpoch ->
     hEpoch++;
     if :: x > 0 -> hMemEve = true :: else -> skip fi;
     fanout(COMMIT, e, x, c);
     if :: x == 1 -> hE!WELCOME, hEpoch, 0 :: else -> skip fi;
     if :: c == ALICE -> hA!UPDOK, 0, 0 :: c == BOB -> hF!UPDOK, 0, 0 :: c == EVE -> hE!UPDOK, 0, 0 fi
  :: else ->
     if :: c == ALICE -> hA!UPDNO, 0, 0 :: c == BOB -> hF!UPDNO, 0, 0 :: c == EVE -> hE!UPDNO, 0, 0 fi
  fi
}

/* A colluding hub relays every message, stale epochs too. */
inline hubSubmit(c, e) {
  fanout(APP, e, c, c);
  if :: c == ALICE -> hA!SUBOK, 0, 0 :: c == BOB -> hF!SUBOK, 0, 0 :: c == EVE -> hE!SUBOK, 0, 0 fi
}

/* Client i receives a fanout item or a response. */
inline client(i, k, a, b) {
  if
  :: k == PROP -> acl[i] = (SERVICE && hEve) || acl[i];
     if :: in[i] && !fork[i] && ep[i] == a && accepts(i) -> pend[i] = true :: else -> skip fi
  :: k == COMMIT -> acl[i] = (SERVICE && hEve) || acl[i];
     if :: in[i] && ep[i] == a && !fork[i] && (b == 0 || accepts(i)) -> ep[i]++; pend[i] = false
        :: else -> skip fi
  :: k == WELCOME -> if :: !in[i] -> in[i] = true; ep[i] = a; fork[i] = false :: else -> skip fi
  :: k == APP -> if :: in[i] && ep[i] == a && fork[i] == fork[b] && b != i -> if :: i == EVE -> leak = true; assert(!leak) :: else -> skip fi :: else -> skip fi
  :: k == UPDOK && busy[i] == 5 -> in[i] = true; busy[i] = 0
  :: k == UPDOK && busy[i] != 5 ->
     ep[i]++;
     pend[i] = false;
     if :: busy[i] == 2 -> busy[i] = 3; if :: i == ALICE -> aH!SUB, ep[i], 0 :: i == BOB -> bF!SUB, ep[i], 0 fi
        :: else -> busy[i] = 0 fi
  :: k == UPDNO -> busy[i] = 0
  :: k == SUBOK -> busy[i] = 0
  :: k == GIOK -> busy[i] = 5; ep[i] = a + 1; fork[i] = true; eH!UPD, a, 2
  :: k == GINO -> busy[i] = 0
  :: else -> skip
  fi
}

active proctype hub() {
  mtype k; byte a, b;
end:
  do
  :: atomic { aH?k, a, b -> if :: k == UPD -> hubUpdate(ALICE, a, b) :: k == SUB -> hubSubmit(ALICE, a) fi }
  :: atomic { fH?k, a, b -> if :: k == UPD -> hubUpdate(BOB, a, b) :: k == SUB -> hubSubmit(BOB, a) fi }
  :: atomic { eH?k, a, b ->
       if
       :: k == UPD -> hubUpdate(EVE, a, b)
       :: k == SUB -> hubSubmit(EVE, a)
       :: k == GIREQ -> if :: hEve || used < 2 -> if :: !hEve -> used++ :: else -> skip fi; hEve = true; hE!GIOK, hEpoch, 0 :: else -> hE!GINO, 0, 0 fi
       fi }
  od
}

active proctype follower() {
  mtype k; byte a, b;
end:
  do
  :: atomic { hF?k, a, b -> fB!k, a, b }
  :: atomic { bF?k, a, b -> fH!k, a, b }
  od
}

active proctype alice() { mtype k; byte a, b; end: do :: atomic { hA?k, a, b -> client(ALICE, k, a, b) } od }
active proctype bob() { mtype k; byte a, b; end: do :: atomic { fB?k, a, b -> client(BOB, k, a, b) } od }
active proctype eve() {
  mtype k; byte a, b;
end:
  do
  :: atomic { hE?k, a, b -> client(EVE, k, a, b) }
  od
}

/* Members commit (pending proposals) or send; eve asks to join; the hub injects an Add of eve. */
inline commitBy(i) {
  busy[i] = 1;
  if :: i == ALICE -> aH!UPD, ep[i], pend[i] :: i == BOB -> bF!UPD, ep[i], pend[i] fi
}

inline sendBy(i) {
  if
  :: pend[i] -> busy[i] = 2; if :: i == ALICE -> aH!UPD, ep[i], 1 :: i == BOB -> bF!UPD, ep[i], 1 fi
  :: else -> busy[i] = 3; if :: i == ALICE -> aH!SUB, ep[i], 0 :: i == BOB -> bF!SUB, ep[i], 0 fi
  fi
}

active proctype steps_() {
  atomic { ep[ALICE] = 1; ep[BOB] = 1; in[ALICE] = true; in[BOB] = true }
end:
  do
  :: atomic { quiet && steps < MAXSTEPS && in[ALICE] && busy[ALICE] == 0 -> steps++; commitBy(ALICE) }
  :: atomic { quiet && steps < MAXSTEPS && in[BOB] && busy[BOB] == 0 -> steps++; commitBy(BOB) }
  :: atomic { quiet && steps < MAXSTEPS && in[ALICE] && busy[ALICE] == 0 -> steps++; sendBy(ALICE) }
  :: atomic { quiet && steps < MAXSTEPS && in[BOB] && busy[BOB] == 0 -> steps++; sendBy(BOB) }
  :: atomic { quiet && steps < MAXSTEPS && !in[EVE] && busy[EVE] == 0 -> steps++; busy[EVE] = 4; eH!GIREQ, 0, 0 }
  :: atomic { quiet && steps < MAXSTEPS && used < 2 -> steps++; used++; hEve = true; fanout(PROP, hEpoch, 0, 99) }
  od
}

/* noEavesdropper: the assertion in `client` (eve never decrypts; nobody honest ever admits her). */
