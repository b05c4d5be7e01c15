<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.live_input</name>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>video and camera input need Qt Multimedia, which cannot be loaded here ({reason})</source>
      <translation>视频和摄像头输入需要 Qt Multimedia，但这里无法加载它（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>{source} (paused)</source>
      <translation>{source}（已暂停）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>{source}: {rate_in} frames/s in, {rate_captured} captured/s, {dropped} dropped</source>
      <translation>{source}：输入 {rate_in} 帧/秒，捕获 {rate_captured} 帧/秒，丢弃 {dropped} 帧</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>{source} frame</source>
      <translation>{source} 帧</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>no such file</source>
      <translation>文件不存在</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>{path}: {problem}</source>
      <translation>{path}：{problem}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>{path}: the video file is empty</source>
      <translation>{path}：视频文件是空的</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>{name}: cannot play this video</source>
      <translation>{name}：无法播放这个视频</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>no camera found</source>
      <translation>没有找到摄像头</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>no camera named '{name}'; the cameras are: {known}</source>
      <translation>没有名为 '{name}' 的摄像头；现有的摄像头：{known}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>camera {name}</source>
      <translation>摄像头 {name}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>live input stopped: an image was opened</source>
      <translation>实时输入已停止：打开了一张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_input.py" />
      <source>{source}: not a video this player can read</source>
      <translation>{source}：播放器无法读取这个视频</translation>
    </message>
  </context>
</TS>
